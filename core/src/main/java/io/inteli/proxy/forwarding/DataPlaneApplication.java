package io.inteli.proxy.forwarding;

import java.util.Set;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application of the jaxrs front door: the catch-all resource and its two filters. It must be served on
 * the data-plane listener only; which listener that is, is the runtime's to say, so this class carries no
 * bean-defining annotation: a runtime serves it (or a subclass of its own, as Helidon's
 * {@code http2.DataPlaneJaxRsApplication} pinned to the default socket) where its data plane is.
 */
@ApplicationPath("/")
public class DataPlaneApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(JaxRsFrontDoor.class, AnyMethodFilter.class, UntypedAnswerFilter.class);
    }
}
