package io.inteli.proxy.liberty;

import java.util.Set;

import io.inteli.proxy.forwarding.AnyMethodFilter;
import io.inteli.proxy.forwarding.JaxRsFrontDoor;
import io.inteli.proxy.forwarding.UntypedAnswerFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The data plane's JAX-RS application: the catch-all front door. Mounted under a path of its own, which only
 * {@link PlaneFilter} reaches (by a forward, with the client's path kept for the front door), so that the control
 * plane's resources never answer a data-plane request whose path happens to be theirs.
 */
@ApplicationPath(DataPlaneApplication.PATH)
public class DataPlaneApplication extends Application {
    static final String PATH = "/.inteli-data-plane";

    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(JaxRsFrontDoor.class, AnyMethodFilter.class, UntypedAnswerFilter.class);
    }
}
