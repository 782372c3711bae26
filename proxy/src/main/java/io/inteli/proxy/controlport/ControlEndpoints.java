package io.inteli.proxy.controlport;

import java.util.Set;

import io.helidon.microprofile.server.RoutingName;
import io.inteli.proxy.control.RegistryEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Puts the registry endpoint on the control socket only: the data plane gives every path to the backends. The
 * bean-defining annotation matters: without it Helidon never sees this class and serves the endpoint on the default
 * (data-plane) socket.
 */
@ApplicationScoped
@RoutingName(value = RegistryEndpoint.SOCKET, required = true)
public class ControlEndpoints implements ServerApplicationConfig {
    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of();
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of(RegistryEndpoint.class);
    }
}
