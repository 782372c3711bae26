package io.inteli.proxy.dashboard;

import io.inteli.proxy.admin.AdminActions;
import io.inteli.proxy.admin.BackendActionsResource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/** The dashboard's buttons: the admin API's actions on one backend, behind the dashboard's session. */
@Path("/dashboard/api/backends/{id}")
@SignedIn
@ApplicationScoped
public class DashboardBackendActions extends BackendActionsResource {
    @Inject
    public DashboardBackendActions(AdminActions actions) {
        super(actions);
    }
}
