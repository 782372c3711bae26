package io.inteli.proxy.operations;

import java.util.Map;
import java.util.Set;

import io.inteli.proxy.admin.AdminAuthenticationFilter;
import io.inteli.proxy.admin.AdminBackendActions;
import io.inteli.proxy.admin.BackendsResource;
import io.inteli.proxy.dashboard.DashboardBackendActions;
import io.inteli.proxy.dashboard.DashboardResource;
import io.inteli.proxy.dashboard.SessionFilter;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The JAX-RS application of the control socket: the admin API ({@code /admin/...}) and the dashboard
 * ({@code /dashboard...}), never on the data plane, which gives every path to the backends. A request that matches
 * none of its resources goes on to the socket's other routes (health, metrics).
 * <p>
 * One application, not one each: with two JAX-RS applications on a server, Helidon 4.2.6 shuts their shared
 * injection manager down with the first and logs an exception for the second at every shutdown.
 * <p>
 * It must be served on the control listener only, which is the runtime's to say: this class carries no
 * bean-defining annotation, and a runtime serves it (or a subclass of its own, as Helidon's
 * {@code controlport.ControlPortApplication} pinned to the control socket) there. The runtime also sets the request
 * property {@link io.inteli.proxy.admin.ClientPeer#PROPERTY}.
 */
@ApplicationPath("/")
public class ControlApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(BackendsResource.class, AdminBackendActions.class, AdminAuthenticationFilter.class,
                      DashboardResource.class, DashboardBackendActions.class, SessionFilter.class);
    }

    /** Jersey would make the dashboard's redirects ({@code Location: /dashboard}) absolute; they stay as they are. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.headers.location.relative.resolution.disabled", true);
    }
}
