package io.inteli.proxy.forwarding;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.context.Contexts;
import io.helidon.webserver.http.ServerRequest;
import io.inteli.proxy.http.HeaderLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The portable front door ({@code inteli.proxy.front-door=jaxrs}): one catch-all JAX-RS resource, for the methods
 * JAX-RS can name (GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH).
 */
@ApplicationScoped
@Path("/")
public class JaxRsFrontDoor {
    /** Helidon puts the client's address into these request properties. */
    static final String REMOTE_HOST = "io.helidon.jaxrs.remote-host";

    private final Forwarder forwarder;

    @Inject
    public JaxRsFrontDoor(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    @GET
    @Path("{path: .*}")
    public Response get(@Context ContainerRequestContext request, InputStream body) {
        return forward(request, body);
    }

    @HEAD
    @Path("{path: .*}")
    public Response head(@Context ContainerRequestContext request, InputStream body) {
        return forward(request, body);
    }

    @POST
    @Path("{path: .*}")
    public Response post(@Context ContainerRequestContext request, InputStream body) {
        return forward(request, body);
    }

    @PUT
    @Path("{path: .*}")
    public Response put(@Context ContainerRequestContext request, InputStream body) {
        return forward(request, body);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete(@Context ContainerRequestContext request, InputStream body) {
        return forward(request, body);
    }

    @OPTIONS
    @Path("{path: .*}")
    public Response options(@Context ContainerRequestContext request, InputStream body) {
        return forward(request, body);
    }

    @PATCH
    @Path("{path: .*}")
    public Response patch(@Context ContainerRequestContext request, InputStream body) {
        return forward(request, body);
    }

    private Response forward(ContainerRequestContext request, InputStream body) {
        // Helidon's request, which Helidon's JAX-RS service puts in the request's context: HTTP/2 streams reach this
        // resource too, and their authority and framing are not visible through JAX-RS
        Optional<ServerRequest> helidon = Contexts.context().flatMap(c -> c.get(ServerRequest.class));
        boolean http2 = helidon.map(r -> r.prologue().protocolVersion().equals("2.0")).orElse(false);
        ClientRequest in = new JaxRsClientRequest(request, new ClientFailures(body));
        ClientResponse answer = forwarder.forward(http2 ? new Http2ClientRequest(in, helidon.get().authority()) : in);
        Response.ResponseBuilder response = Response.status(answer.status());
        for (HeaderLine h : answer.headers()) {
            if (http2 && h.is("connection")) {
                // RFC 9113 8.2.2, as on the native front door: a refusal ends its stream only
                continue;
            }
            response.header(h.name(), h.value());
        }
        if (!answer.hasBody()) {
            answer.close();
            return response.build();
        }
        StreamingOutput entity = out -> {
            try (answer) {
                answer.writeBody(out);
            }
        };
        return response.entity(entity).build();
    }

    /** The body as Helidon decodes it; a failure there is the client's (a malformed chunk), not the backend's. */
    private static final class ClientFailures extends io.inteli.proxy.http.BulkInputStream {
        private final InputStream in;

        ClientFailures(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws java.io.IOException {
            try {
                return in.read(target, offset, length);
            } catch (java.io.IOException | RuntimeException e) {
                throw new ClientBodyFailure(400, e);
            }
        }

        @Override
        public int available() throws java.io.IOException {
            return in.available();
        }
    }

    private record JaxRsClientRequest(ContainerRequestContext request, InputStream body) implements ClientRequest {
        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String rawPath() {
            String path = request.getUriInfo().getRequestUri().getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        }

        @Override
        public String rawQuery() {
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            return query == null ? "" : query;
        }

        @Override
        public List<HeaderLine> headers() {
            List<HeaderLine> lines = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : request.getHeaders().entrySet()) {
                for (String value : e.getValue()) {
                    lines.add(new HeaderLine(e.getKey(), value));
                }
            }
            return lines;
        }

        @Override
        public String remoteAddress() {
            Object host = request.getProperty(REMOTE_HOST);
            return host == null ? "unknown" : host.toString();
        }

        @Override
        public String scheme() {
            URI uri = request.getUriInfo().getRequestUri();
            return uri.getScheme() == null ? "http" : uri.getScheme();
        }

        /** JAX-RS knows no local port: the port of the request URI (from Host), else the scheme's default. */
        @Override
        public int localPort() {
            URI uri = request.getUriInfo().getRequestUri();
            return uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme()) ? 443 : 80;
        }
    }
}
