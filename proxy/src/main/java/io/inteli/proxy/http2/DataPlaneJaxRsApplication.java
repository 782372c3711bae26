package io.inteli.proxy.http2;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.helidon.microprofile.server.RoutingName;
import io.inteli.proxy.forwarding.DataPlaneApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The core's JAX-RS application of the jaxrs front door as Helidon's own JAX-RS serves it: HTTP/2 streams on the
 * data-plane socket (HTTP/1.x connections go to the proxy's own container on the strict codec,
 * {@code dataplane/JaxRsContainer}). Pinned to the default (data-plane) socket: an unpinned application would be
 * served on the control socket too. {@link Http2AuthorityFilter} hands the stream's authority to the resource.
 */
@ApplicationScoped
@ApplicationPath("/")
@RoutingName(value = RoutingName.DEFAULT_NAME, required = true)
public class DataPlaneJaxRsApplication extends DataPlaneApplication {
    @Override
    public Set<Class<?>> getClasses() {
        Set<Class<?>> classes = new HashSet<>(super.getClasses());
        classes.add(Http2AuthorityFilter.class);
        return classes;
    }

    @Override
    public Map<String, Object> getProperties() {
        // stream the body at once: Jersey would otherwise buffer the first 8 KiB to compute a Content-Length
        return Map.of(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
    }
}
