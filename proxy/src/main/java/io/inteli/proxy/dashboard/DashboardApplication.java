package io.inteli.proxy.dashboard;

import java.util.Map;
import java.util.Set;

import io.helidon.microprofile.server.RoutingName;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The dashboard, on the control socket only (the data plane gives every path to the backends): the page, its
 * login, the live stream and the actions behind its buttons.
 */
@ApplicationScoped
@ApplicationPath("/dashboard")
@RoutingName(value = "control", required = true)
public class DashboardApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(DashboardResource.class, DashboardBackendActions.class, SessionFilter.class);
    }

    /** Jersey would make the redirects' {@code Location: /dashboard} absolute; the page wants it as it is. */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.headers.location.relative.resolution.disabled", true);
    }
}
