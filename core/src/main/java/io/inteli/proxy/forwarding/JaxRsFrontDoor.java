package io.inteli.proxy.forwarding;

import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.upstream.ExchangeAbort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The portable front door ({@code inteli.proxy.front-door=jaxrs}): one catch-all JAX-RS resource for every method.
 * {@link AnyMethodFilter} routes each request to its one resource method and keeps the client's method, so methods
 * JAX-RS cannot name ({@code PROPFIND}, a lower-case {@code get}) are forwarded as sent.
 *
 * <p>On Helidon, HTTP/1.x requests reach it through the proxy's own Jersey container on the strict codec
 * ({@code dataplane/JaxRsContainer}), which hands over what JAX-RS cannot carry exactly in the request properties
 * below; HTTP/2 streams reach it through Helidon's own JAX-RS, whose request filter hands over the authority
 * ({@link #HTTP2_AUTHORITY}). Any other JAX-RS container works without them: the request URI then gives the path,
 * query and port.
 */
@ApplicationScoped
@Path("/")
public class JaxRsFrontDoor {
    /** Helidon (and the proxy's own container) put the client's address into this request property. */
    public static final String REMOTE_HOST = "io.helidon.jaxrs.remote-host";
    /** Optional: the path exactly as the client sent it, dot-segments resolved (a URI may not hold every byte). */
    public static final String RAW_PATH = "io.inteli.proxy.raw-path";
    /** Optional, with {@link #RAW_PATH}: the query exactly as sent, without '?', empty when there was none. */
    public static final String RAW_QUERY = "io.inteli.proxy.raw-query";
    /** Optional: the data-plane port the client connected to (an Integer); else the request URI's port. */
    public static final String LOCAL_PORT = "io.inteli.proxy.local-port";

    /**
     * Optional: {@code Boolean.TRUE} when the container itself reads and drops what a refused client still sends
     * (a lingering close), so a body over the limit is refused at once instead of being read in part first.
     */
    public static final String CLOSES_WITHOUT_DRAIN = "io.inteli.proxy.closes-without-drain";

    /**
     * Optional: {@code Boolean.TRUE} when the container can carry a WebSocket tunnel on the client's connection after
     * a 101. The resource then forwards a handshake with its upgrade, and hands a backend's 101 back in
     * {@link #TUNNEL} for the container to pump; without it, a handshake goes to the backend as plain HTTP.
     */
    public static final String UPGRADABLE = "io.inteli.proxy.upgradable";
    /**
     * Optional: the {@link ExchangeAbort} through which the container cuts the backend exchange when it sees the
     * client go away while the backend is silent.
     */
    public static final String ABORT = "io.inteli.proxy.abort";
    /** Set by the resource: the forwarder's {@link ClientResponse} holding the backend's side of a WebSocket tunnel. */
    public static final String TUNNEL = "io.inteli.proxy.tunnel";

    /**
     * Optional: the request's header lines exactly as the client sent them, in order (a {@code List<HeaderLine>}).
     * JAX-RS keeps headers as a map, and its matching parses {@code Content-Type} and {@code Accept}, so a container
     * may keep those two from JAX-RS (a malformed one would be answered 400 by JAX-RS instead of reaching the backend).
     */
    public static final String HEADER_LINES = "io.inteli.proxy.header-lines";

    /**
     * Set only on a request that came as an HTTP/2 stream: its {@code :authority} pseudo-header (a String, empty when
     * the client sent none), which JAX-RS does not show. The request is then forwarded as HTTP/2 requests are.
     */
    public static final String HTTP2_AUTHORITY = "io.inteli.proxy.http2-authority";

    private final Forwarder forwarder;

    @Inject
    public JaxRsFrontDoor(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    @AnyMethod
    @Path("{path: .*}")
    public Response any(InputStream body) {
        // JAX-RS injects a ContainerRequestContext into filters only (Jersey also into resource methods, RESTEasy
        // not): the pre-matching filter hands it over
        return forward(AnyMethodFilter.take(), body);
    }

    private Response forward(ContainerRequestContext request, InputStream body) {
        // HTTP/2 streams reach this resource too, and their authority and framing are not visible through JAX-RS
        Object authority = request.getProperty(HTTP2_AUTHORITY);
        boolean http2 = authority != null;
        ClientRequest in = new JaxRsClientRequest(request, new ClientFailures(body));
        ClientResponse answer = forwarder.forward(http2 ? new Http2ClientRequest(in, authority.toString()) : in);
        if (answer.tunnel() != null) {
            // only when the container asked for it (UPGRADABLE): it sends this 101 itself and pumps the bytes
            request.setProperty(TUNNEL, answer);
        }
        Response.ResponseBuilder response = Response.status(answer.status());
        boolean typed = false;
        for (HeaderLine h : answer.headers()) {
            typed |= h.is("content-type");
            if (http2 && h.is("connection")) {
                // RFC 9113 8.2.2, as on the native front door: a refusal ends its stream only
                continue;
            }
            response.header(h.name(), h.value());
        }
        if (!typed) {
            request.setProperty(UntypedAnswerFilter.UNTYPED, Boolean.TRUE);
        }
        if (!answer.hasBody()) {
            if (answer.tunnel() == null) {
                answer.close();
            }
            return response.build();
        }
        StreamingOutput entity = out -> {
            try (answer) {
                answer.writeBody(out);
            }
        };
        return response.entity(entity).build();
    }

    /** The body as the container decodes it; a failure there is the client's (a malformed chunk), not the backend's. */
    private static final class ClientFailures extends io.inteli.proxy.http.BulkInputStream {
        private final InputStream in;

        ClientFailures(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws java.io.IOException {
            try {
                return in.read(target, offset, length);
            } catch (ClientBodyFailure e) {
                // already the client's fault, with its status (408 after a silent client)
                throw e;
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
            Object method = request.getProperty(AnyMethodFilter.METHOD);
            return method == null ? request.getMethod() : method.toString();
        }

        @Override
        public String rawPath() {
            Object raw = request.getProperty(RAW_PATH);
            if (raw != null) {
                return raw.toString();
            }
            String path = request.getUriInfo().getRequestUri().getRawPath();
            return path == null || path.isEmpty() ? "/" : path;
        }

        @Override
        public String rawQuery() {
            Object raw = request.getProperty(RAW_QUERY);
            if (raw != null) {
                return raw.toString();
            }
            String query = request.getUriInfo().getRequestUri().getRawQuery();
            return query == null ? "" : query;
        }

        @Override
        @SuppressWarnings("unchecked")
        public List<HeaderLine> headers() {
            if (request.getProperty(HEADER_LINES) instanceof List<?> exact) {
                return (List<HeaderLine>) exact;
            }
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

        @Override
        public boolean upgradable() {
            return Boolean.TRUE.equals(request.getProperty(UPGRADABLE));
        }

        @Override
        public boolean closesWithoutDrain() {
            return Boolean.TRUE.equals(request.getProperty(CLOSES_WITHOUT_DRAIN));
        }

        @Override
        public ExchangeAbort abort() {
            return request.getProperty(ABORT) instanceof ExchangeAbort abort ? abort : null;
        }

        /**
         * JAX-RS knows no local port: the one the container handed over, else the port of the request URI (from
         * Host), else the scheme's default.
         */
        @Override
        public int localPort() {
            if (request.getProperty(LOCAL_PORT) instanceof Integer port) {
                return port;
            }
            URI uri = request.getUriInfo().getRequestUri();
            return uri.getPort() >= 0 ? uri.getPort() : "https".equals(scheme()) ? 443 : 80;
        }
    }
}
