package io.inteli.proxy.liberty;

import java.util.Set;

import io.inteli.proxy.admin.AdminAuthenticationFilter;
import io.inteli.proxy.admin.AdminBackendActions;
import io.inteli.proxy.admin.BackendsResource;
import io.inteli.proxy.dashboard.DashboardBackendActions;
import io.inteli.proxy.dashboard.DashboardResource;
import io.inteli.proxy.dashboard.SessionFilter;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The control plane's JAX-RS application: the admin API and the dashboard ({@link PlaneFilter} keeps it there). */
@ApplicationPath("/")
public class ControlApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
        return Set.of(BackendsResource.class, AdminBackendActions.class, AdminAuthenticationFilter.class,
                      DashboardResource.class, DashboardBackendActions.class, SessionFilter.class);
    }
}
