package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.forwarding.ClientResponse;
import io.inteli.proxy.forwarding.AnyMethodFilter;
import io.inteli.proxy.forwarding.ClientBodyFailure;
import io.inteli.proxy.forwarding.Forwarder;
import io.inteli.proxy.forwarding.ClientRequest;
import io.inteli.proxy.forwarding.JaxRsFrontDoor;
import io.inteli.proxy.forwarding.UntypedAnswerFilter;
import io.inteli.proxy.http.BulkInputStream;
import io.inteli.proxy.http.HeaderLine;
import jakarta.ws.rs.core.SecurityContext;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.spi.ContainerResponseWriter;

/**
 * The jaxrs front door's JAX-RS container on the strict codec: each request a client connection accepted is handed
 * to a Jersey {@link ApplicationHandler} serving the portable catch-all resource ({@link JaxRsFrontDoor}, a plain
 * instance: a CDI client proxy would lose its {@code @Path}), and Jersey's answer comes back to the connection as an
 * {@link ClientResponse} that the connection frames like any other.
 *
 * <p>Jersey writes the answer on a thread of its own (one virtual thread per request) while the connection's
 * thread reads it through an {@link AnswerPipe}: the connection keeps its order of work (answer head, keep-alive
 * decision, body as it arrives, end of exchange) whatever the JAX-RS side does.
 */
final class JaxRsContainer implements RequestHandler {
    private static final System.Logger LOG = System.getLogger(JaxRsContainer.class.getName());
    private static final SecurityContext NO_USER = new SecurityContext() {
        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    };

    private final ApplicationHandler jersey;

    JaxRsContainer(Forwarder forwarder) {
        ResourceConfig config = new ResourceConfig()
                .register(new JaxRsFrontDoor(forwarder))
                .register(new AnyMethodFilter())
                .register(new UntypedAnswerFilter())
                // stream at once: Jersey would otherwise buffer the first 8 KiB to compute a Content-Length
                .property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0)
                .property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Jersey warns that a resource registered as an instance "does not implement any provider interfaces" and
        // "will be ignored" as a provider (jersey #3700): it is served as a resource all the same
        java.util.logging.Logger providers = java.util.logging.Logger.getLogger(
                "org.glassfish.jersey.internal.inject.Providers");
        java.util.logging.Level level = providers.getLevel();
        providers.setLevel(java.util.logging.Level.SEVERE);
        try {
            this.jersey = new ApplicationHandler(config);
        } finally {
            providers.setLevel(level);
        }
    }

    /** Frees Jersey's injection manager when the proxy stops. */
    void close() {
        try {
            jersey.getInjectionManager().shutdown();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "stopping the JAX-RS front door's container", e);
        }
    }

    @Override
    public ClientResponse answer(ClientRequest request) {
        Body body = new Body(request.body());
        Exchange exchange = new Exchange(body);
        URI base = baseUri(request);
        ContainerRequest jaxrs = new ContainerRequest(base, requestUri(base, request), request.method(),
                                                      NO_USER, new MapPropertiesDelegate(), jersey.getConfiguration());
        List<HeaderLine> headers = request.headers();
        for (int i = 0; i < headers.size(); i++) {
            HeaderLine h = headers.get(i);
            // Jersey parses these two to select a resource method, and answers 400 for a malformed one: the
            // catch-all resource consumes and produces anything, and the backend is the one to judge them
            if (!h.is("content-type") && !h.is("accept")) {
                jaxrs.header(h.name(), h.value());
            }
        }
        // the lines the resource forwards: as read, in order (JAX-RS would group them by name)
        jaxrs.setProperty(JaxRsFrontDoor.HEADER_LINES, headers);
        jaxrs.setEntityStream(body);
        jaxrs.setWriter(exchange);
        jaxrs.setProperty(JaxRsFrontDoor.REMOTE_HOST, request.remoteAddress());
        jaxrs.setProperty(JaxRsFrontDoor.RAW_PATH, request.rawPath());
        jaxrs.setProperty(JaxRsFrontDoor.RAW_QUERY, request.rawQuery());
        jaxrs.setProperty(JaxRsFrontDoor.LOCAL_PORT, request.localPort());
        // the connection lingers after a refusal: no need to read a refused body before answering
        jaxrs.setProperty(JaxRsFrontDoor.CLOSES_WITHOUT_DRAIN, request.closesWithoutDrain());
        // an HTTP/1.1 connection carries a WebSocket tunnel after a 101, as on the native door
        jaxrs.setProperty(JaxRsFrontDoor.UPGRADABLE, request.upgradable());
        if (request.abort() != null) {
            // the connection watches for the client leaving while the backend is silent, and cuts through this
            jaxrs.setProperty(JaxRsFrontDoor.ABORT, request.abort());
        }
        Thread.ofVirtual().name("inteli-jaxrs-request").start(() -> exchange.run(jersey, jaxrs));
        return exchange.answer();
    }

    /**
     * The scheme and Host when they make a URI, else a placeholder authority: the resource takes the path, query and
     * port from the properties above, the URI only has to route.
     */
    private static URI baseUri(ClientRequest request) {
        String host = null;
        for (HeaderLine h : request.headers()) {
            if (h.is("host")) {
                host = h.value();
            }
        }
        if (host != null && !host.isEmpty()) {
            try {
                URI uri = new URI(request.scheme() + "://" + host + "/");
                if (uri.getHost() != null) {
                    return uri;
                }
            } catch (java.net.URISyntaxException | RuntimeException e) {
                // not an authority: the placeholder
            }
        }
        return URI.create(request.scheme() + "://localhost/");
    }

    private static URI requestUri(URI base, ClientRequest request) {
        String query = request.rawQuery();
        try {
            return new URI(base + request.rawPath().substring(1) + (query.isEmpty() ? "" : "?" + query));
        } catch (java.net.URISyntaxException e) {
            // bytes a URI may not hold (the path itself reaches the resource as RAW_PATH): an encoded copy routes
            try {
                return new URI(base.getScheme(), base.getRawAuthority(), request.rawPath(), null, null);
            } catch (java.net.URISyntaxException again) {
                return base;
            }
        }
    }

    /**
     * The request body as Jersey reads it: the connection's decoded body, closed for good once the exchange ended
     * (the connection reads its next request from the same bytes), and remembering a client failure so that an
     * answer Jersey makes of it carries the client's status.
     */
    private static final class Body extends BulkInputStream {
        private final InputStream in;
        private volatile boolean ended;
        private volatile ClientBodyFailure failure;

        Body(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                throw new IOException("the exchange is over");
            }
            try {
                return in.read(target, offset, length);
            } catch (ClientBodyFailure e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int available() throws IOException {
            return ended ? 0 : in.available();
        }

        @Override
        public void close() {
            // Jersey closes the entity stream; the connection decides what becomes of unread bytes
        }

        void end() {
            ended = true;
        }
    }

    /** One request's way through Jersey and back. */
    private static final class Exchange implements ContainerResponseWriter {
        private final CompletableFuture<ClientResponse> head = new CompletableFuture<>();
        private final Body body;
        private volatile AnswerPipe pipe;
        private volatile ContainerRequest request;

        Exchange(Body body) {
            this.body = body;
        }

        void run(ApplicationHandler jersey, ContainerRequest request) {
            this.request = request;
            try {
                jersey.handle(request);
            } catch (Throwable e) {
                failure(e);
            } finally {
                // Jersey answered and committed, or failed; whatever it left undone ends here
                if (!head.isDone()) {
                    failure(new IllegalStateException("JAX-RS produced no answer"));
                }
            }
        }

        /** Waits for Jersey's answer head. */
        ClientResponse answer() {
            try {
                return head.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abandon();
                return ClientResponse.refusal(503);
            } catch (ExecutionException e) {
                abandon();
                return ClientResponse.refusal(500);
            }
        }

        /** The connection stopped waiting: an answer Jersey makes later is closed (a writer blocked on it fails). */
        private void abandon() {
            body.end();
            head.thenAccept(ClientResponse::close);
        }

        @Override
        public OutputStream writeResponseStatusAndHeaders(long contentLength, ContainerResponse response) {
            List<HeaderLine> headers = new ArrayList<>();
            long declared = -1;
            int lengths = 0;
            for (Map.Entry<String, List<String>> e : response.getStringHeaders().entrySet()) {
                boolean isLength = e.getKey().equalsIgnoreCase("content-length");
                for (String value : e.getValue()) {
                    headers.add(new HeaderLine(e.getKey(), value));
                    if (isLength) {
                        lengths++;
                        declared = length(value);
                    }
                }
            }
            if (lengths != 1) {
                declared = lengths == 0 && contentLength >= 0 ? contentLength : -1;
            }
            int status = response.getStatus();
            if (status == 101 && response.getRequestContext().getProperty(JaxRsFrontDoor.TUNNEL)
                    instanceof ClientResponse switched && switched.tunnel() != null) {
                // the backend switched to WebSocket: the connection sends the 101 and pumps the tunnel itself
                body.end();
                head.complete(switched);
                return OutputStream.nullOutputStream();
            }
            if (!response.hasEntity()) {
                if (lengths == 0 && status >= 200 && status != 204 && status != 304) {
                    // a head without framing would leave the client reading until the connection closes
                    headers.add(new HeaderLine("Content-Length", "0"));
                }
                head.complete(ClientResponse.relayed(status, headers, null, -1, body::end));
                return OutputStream.nullOutputStream();
            }
            AnswerPipe p = new AnswerPipe(declared);
            pipe = p;
            head.complete(ClientResponse.relayed(status, headers, p.input, declared, () -> {
                p.abort();
                body.end();
            }));
            return p.output;
        }

        private static long length(String value) {
            try {
                long n = Long.parseLong(value.trim());
                return n < 0 ? -1 : n;
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public boolean suspend(long timeOut, TimeUnit timeUnit, TimeoutHandler timeoutHandler) {
            // the resource answers synchronously; an asynchronous one is not part of this front door
            return false;
        }

        @Override
        public void setSuspendTimeout(long timeOut, TimeUnit timeUnit) {
            // never suspended
        }

        @Override
        public void commit() {
            AnswerPipe p = pipe;
            if (p != null) {
                p.finish();
            }
        }

        @Override
        public void failure(Throwable error) {
            AnswerPipe p = pipe;
            if (p != null) {
                p.fail(error);
                return;
            }
            if (head.isDone()) {
                // a bodiless answer or a tunnel is already the connection's
                return;
            }
            if (request != null && request.getProperty(JaxRsFrontDoor.TUNNEL) instanceof ClientResponse switched) {
                // a backend's 101 that will never be sent: its connection is closed, its in-flight slot freed
                switched.close();
            }
            ClientBodyFailure client = body.failure;
            if (client == null) {
                LOG.log(System.Logger.Level.WARNING, "JAX-RS front door failed before an answer: " + error);
            }
            head.complete(ClientResponse.refusal(client != null ? client.status() : 500));
        }

        @Override
        public boolean enableResponseBuffering() {
            return false;
        }
    }
}
