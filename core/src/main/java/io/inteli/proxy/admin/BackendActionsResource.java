package io.inteli.proxy.admin;

import java.time.Instant;
import java.util.Optional;

import io.inteli.proxy.registry.Backend;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The actions on one backend, {@code POST .../drain}, {@code POST .../disable}, {@code POST .../enable},
 * {@code PUT .../weight}: written once, mounted twice, by the admin API behind its bearer token
 * ({@link AdminBackendActions}) and by the dashboard behind its session. A subclass gives the path and the
 * authentication (a name-binding annotation on the class).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class BackendActionsResource {
    private final AdminActions actions;

    protected BackendActionsResource(AdminActions actions) {
        this.actions = actions;
    }

    /** {@code POST .../drain}, {@code .../disable} or {@code .../enable}. */
    @POST
    @Path("{action: drain|disable|enable}")
    public Response act(@PathParam("id") String id, @PathParam("action") String action,
                        @Context ContainerRequestContext request) {
        String peer = ClientPeer.of(request);
        return answer(switch (action) {
            case "drain" -> actions.drain(id, peer);
            case "disable" -> actions.disable(id, peer);
            default -> actions.enable(id, peer);
        });
    }

    /** The body is read as text so that any body that is not {@code {"weight":N}} gets the same 400. */
    @PUT
    @Path("weight")
    public Response weight(@PathParam("id") String id, String body, @Context ContainerRequestContext request) {
        int weight;
        try {
            weight = AdminActions.parseWeight(body);
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return answer(actions.setWeight(id, weight, ClientPeer.of(request)));
    }

    private static Response answer(Optional<Backend> backend) {
        if (backend.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "no backend with that id");
        }
        return Response.ok(BackendView.of(backend.get(), Instant.now()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new AdminError(message)).build();
    }
}
