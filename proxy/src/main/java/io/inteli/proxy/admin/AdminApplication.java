package io.inteli.proxy.admin;

import java.util.Set;

import io.helidon.microprofile.server.RoutingName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The admin API, on the control socket only: the data plane gives every path to the backends, so nothing here may
 * answer on the default socket.
 */
@ApplicationScoped
@ApplicationPath("/admin")
@RoutingName(value = "control", required = true)
public class AdminApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(BackendsResource.class, AdminBackendActions.class, AdminAuthenticationFilter.class);
    }
}
