package io.inteli.proxy.controlport;

import io.helidon.common.context.Contexts;
import io.helidon.webserver.http.ServerRequest;
import io.inteli.proxy.admin.ClientPeer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Hands the client's address to the admin API and the dashboard ({@link ClientPeer#PROPERTY}), which JAX-RS does not
 * show. Helidon's request is in the context Helidon's JAX-RS service runs the request in. Pre-matching, so the
 * authentication filters' requests have it too.
 */
@PreMatching
public class ClientPeerFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        Contexts.context().flatMap(c -> c.get(ServerRequest.class))
                .ifPresent(r -> request.setProperty(ClientPeer.PROPERTY, r.remotePeer().address().toString()));
    }
}
