package io.inteli.proxy.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;

/** The admin API's actions on one backend, behind the same bearer-token filter as {@code GET /admin/backends}. */
@Path("/admin/backends/{id}")
@AdminAuthenticated
@ApplicationScoped
public class AdminBackendActions extends BackendActionsResource {
    @Inject
    public AdminBackendActions(AdminActions actions) {
        super(actions);
    }
}
