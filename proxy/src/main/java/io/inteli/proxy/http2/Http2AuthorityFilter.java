package io.inteli.proxy.http2;

import io.helidon.common.context.Contexts;
import io.helidon.webserver.http.ServerRequest;
import io.inteli.proxy.forwarding.JaxRsFrontDoor;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * Tells the core's JAX-RS front door that a request came as an HTTP/2 stream, with its authority
 * ({@link JaxRsFrontDoor#HTTP2_AUTHORITY}): neither is visible through JAX-RS. Helidon's request is in the context
 * Helidon's JAX-RS service runs the request in.
 */
public class Http2AuthorityFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        Contexts.context().flatMap(c -> c.get(ServerRequest.class))
                .filter(r -> r.prologue().protocolVersion().equals("2.0"))
                .ifPresent(r -> request.setProperty(JaxRsFrontDoor.HTTP2_AUTHORITY,
                                                    r.authority() == null ? "" : r.authority()));
    }
}
