package io.inteli.proxy.forwarding;

import java.util.Map;
import java.util.Set;

import io.helidon.microprofile.server.RoutingName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The JAX-RS application of the jaxrs front door as Helidon's own JAX-RS serves it: HTTP/2 streams on the data-plane
 * socket (HTTP/1.x connections go to the proxy's own container on the strict codec, {@code dataplane/JaxRsContainer}).
 * Pinned to the default (data-plane) socket: an unpinned application would be served on the control socket too.
 */
@ApplicationScoped
@ApplicationPath("/")
@RoutingName(value = RoutingName.DEFAULT_NAME, required = true)
public class DataPlaneApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(JaxRsFrontDoor.class, AnyMethodFilter.class, UntypedAnswerFilter.class);
    }

    @Override
    public Map<String, Object> getProperties() {
        // stream the body at once: Jersey would otherwise buffer the first 8 KiB to compute a Content-Length
        return Map.of(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
    }
}
