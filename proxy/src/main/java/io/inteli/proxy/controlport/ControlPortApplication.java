package io.inteli.proxy.controlport;

import java.util.HashSet;
import java.util.Set;

import io.helidon.microprofile.server.RoutingName;
import io.inteli.proxy.control.RegistryEndpoint;
import io.inteli.proxy.operations.ControlApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;

/**
 * The core's control-socket JAX-RS application (admin API, dashboard) as Helidon serves it: pinned to the control
 * socket (an unpinned application would be served on the data plane too), with {@link ClientPeerFilter} handing the
 * client's address to the resources.
 */
@ApplicationScoped
@ApplicationPath("/")
@RoutingName(value = RegistryEndpoint.SOCKET, required = true)
public class ControlPortApplication extends ControlApplication {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(super.getClasses());
        classes.add(ClientPeerFilter.class);
        return classes;
    }
}
