package io.inteli.proxy.admin;

import java.util.Optional;

import io.inteli.proxy.registry.Backend;

import io.helidon.webserver.http.ServerRequest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The admin API's actions on one backend, behind the same bearer-token filter as {@code GET /admin/backends}:
 * {@code POST .../drain}, {@code POST .../disable}, {@code POST .../enable}, {@code PUT .../weight}.
 */
@Path("/backends/{id}")
@AdminAuthenticated
@ApplicationScoped
public class BackendActionsResource {
    private final AdminActions actions;

    @Inject
    public BackendActionsResource(AdminActions actions) {
        this.actions = actions;
    }

    @POST
    @Path("drain")
    public Response drain(@PathParam("id") String id, @Context ServerRequest request) {
        return answer(id, request, actions::drain);
    }

    @POST
    @Path("disable")
    public Response disable(@PathParam("id") String id, @Context ServerRequest request) {
        return answer(id, request, actions::disable);
    }

    @POST
    @Path("enable")
    public Response enable(@PathParam("id") String id, @Context ServerRequest request) {
        return answer(id, request, actions::enable);
    }

    @PUT
    @Path("weight")
    public Response weight(@PathParam("id") String id, String body, @Context ServerRequest request) {
        int weight;
        try {
            weight = AdminActions.parseWeight(body);
        } catch (IllegalArgumentException e) {
            return error(Response.Status.BAD_REQUEST, e.getMessage());
        }
        return answer(id, request, (backendId, peer) -> actions.setWeight(backendId, weight, peer));
    }

    private static Response answer(String id, ServerRequest request, Action action) {
        Optional<Backend> backend = action.apply(id, request.remotePeer().address().toString());
        if (backend.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "no backend with that id");
        }
        return Response.ok(AdminActions.describe(backend.get()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(AdminActions.error(message)).build();
    }

    @FunctionalInterface
    private interface Action {
        Optional<Backend> apply(String id, String peer);
    }
}
