package io.inteli.proxy.admin;

import java.time.Instant;
import java.util.List;

import io.inteli.proxy.registry.BackendRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /admin/backends}: every registered backend, in registration order, from one registry snapshot, each
 * as a {@link BackendView}.
 */
@Path("/admin/backends")
@AdminAuthenticated
@ApplicationScoped
public class BackendsResource {
    private final BackendRegistry registry;

    @Inject
    public BackendsResource(BackendRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<BackendView> list() {
        Instant now = Instant.now();
        return registry.snapshot().all().stream().map(backend -> BackendView.of(backend, now)).toList();
    }
}
