package io.inteli.proxy.http2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

import io.helidon.common.Weighted;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.inteli.proxy.forwarding.ClientRequest;
import io.inteli.proxy.forwarding.ClientResponse;
import io.inteli.proxy.forwarding.Forwarder;
import io.inteli.proxy.forwarding.Http2ClientRequest;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.upstream.ExchangeAbort;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * The Helidon-routing part of the default front door ({@code inteli.proxy.front-door=native}): one plain Helidon
 * route for every method and path on the default socket, without the JAX-RS layer. HTTP/1.x connections never reach
 * it (the connection handler of {@code io.inteli.proxy.dataplane} takes them first); it serves what Helidon's own
 * protocol handlers bring to the routing, i.e. HTTP/2 (prior knowledge, or ALPN h2) once that module is present.
 */
@ApplicationScoped
public class NativeFrontDoor {
    private final Forwarder forwarder;
    private final Http2Departures departures = new Http2Departures();
    /**
     * The data-plane socket's port, read from the first request: Helidon asks the socket (a getsockname system
     * call) on every {@code localPeer()}, measured at about 5 % of the CPU per proxied request.
     */
    private volatile int localPort = -1;

    @Inject
    NativeFrontDoor(Forwarder forwarder) {
        this.forwarder = forwarder;
    }

    /**
     * Puts the route on the default socket's routing, before Helidon starts the server (priority PLATFORM_AFTER + 100
     * of the same event). A top-level route, not an {@code HttpService} under {@code @RoutingPath}: Helidon crawls a
     * service's routes as a nested list and merges the path parameters of both levels on every request, which
     * looks up the global mapper registry (measured: about 6 % of the CPU of a proxied request). It comes in as a
     * routing feature of low weight, which Helidon sets up after the routes and services registered directly, so
     * an application's own routes on that socket still come first.
     */
    @PreDestroy
    void stopWatching() {
        departures.close();
    }

    void install(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) @Initialized(ApplicationScoped.class)
                 Object event, ServerCdiExtension server) {
        server.serverRoutingBuilder().addFeature(new CatchAll());
    }

    private final class CatchAll implements HttpFeature, Weighted {
        @Override
        public void setup(HttpRouting.Builder routing) {
            routing.any(NativeFrontDoor.this::handle);
        }

        @Override
        public double weight() {
            // below the default weight (100) of the routing's own registrations
            return 1;
        }
    }

    private void handle(ServerRequest req, ServerResponse res) throws Exception {
        // HTTP/2 streams (h2 by ALPN, h2c) reach this route too; the backend still gets HTTP/1.1
        boolean http2 = req.prologue().protocolVersion().equals("2.0");
        ExchangeAbort abort = http2 ? new ExchangeAbort() : null;
        ClientRequest in = http2 ? new Http2ClientRequest(new HelidonClientRequest(req, this), req.authority(), abort)
                           : new HelidonClientRequest(req, this);
        try (AutoCloseable watched = http2 ? departures.watch(res, abort) : null;
             ClientResponse answer = forwarder.forward(in)) {
            if (abort != null && abort.aborted()) {
                // the client reset the stream or closed the connection while the backend was silent: Helidon's
                // routing lets this one through, and its HTTP/2 stream ends quietly on it (RST_STREAM, no log)
                throw new CloseConnectionException("the client went away");
            }
            res.status(Status.create(answer.status()));
            ServerResponseHeaders headers = res.headers();
            for (HeaderLine h : answer.headers()) {
                if (h.is("connection")) {
                    // a refusal's close: connection-specific fields are not allowed in HTTP/2 (RFC 9113 8.2.2)
                    continue;
                }
                // add() appends to a name already present: repeated fields such as Set-Cookie stay separate lines
                headers.add(HeaderValues.create(HeaderNames.create(h.name()), h.value()));
            }
            if (!answer.hasBody()) {
                yieldToReadyAnswers();
                res.send();
                return;
            }
            // a small body goes out with the head in one write, without Helidon's output stream (whose set-up
            // parses Content-Length through the global mapper registry on every response)
            if (answer.sendWhole(body -> {
                yieldToReadyAnswers();
                res.send(body);
            })) {
                return;
            }
            // HTTP/2: a stream the client reset ends the copy at the next write (Helidon would go on taking it)
            try (OutputStream out = http2 ? Http2StreamReset.watch(res, res.outputStream()) : res.outputStream()) {
                answer.writeBody(out);
            } catch (IOException | RuntimeException e) {
                if (abort != null && abort.aborted()) {
                    // cut between two pieces of the body: the stream ends quietly, as above
                    throw new CloseConnectionException("the client went away", e);
                }
                throw e;
            }
        }
    }

    /**
     * Called before an answer that goes out in one write. The other connections whose answers are ready then get as
     * far as their writes too, so answers leave in a burst, as from an event loop, and a client waiting on several
     * connections is woken once per burst instead of once per answer. Measured with 1 KiB answers at 64 connections:
     * the client's sleeps per answer fell from about 0.63 to 0.10–0.15, and the proxy's CPU per request by 7–25 %
     * (bench/README). Streamed answers do not yield: they take many writes each, and yielding before them doubled
     * the p99 latency with 64 KiB answers at 256 connections.
     */
    private static void yieldToReadyAnswers() {
        Thread.yield();
    }

    private static final class HelidonClientRequest implements ClientRequest {
        private final ServerRequest req;
        private final NativeFrontDoor door;
        private InputStream body;

        HelidonClientRequest(ServerRequest req, NativeFrontDoor door) {
            this.req = req;
            this.door = door;
        }

        @Override
        public String method() {
            return req.prologue().method().text();
        }

        @Override
        public String rawPath() {
            return req.prologue().uriPath().rawPath();
        }

        @Override
        public String rawQuery() {
            return req.prologue().query().rawValue();
        }

        @Override
        public List<HeaderLine> headers() {
            List<HeaderLine> lines = new ArrayList<>();
            for (Header h : req.headers()) {
                for (String value : h.allValues()) {
                    lines.add(new HeaderLine(h.name(), value));
                }
            }
            return lines;
        }

        @Override
        public InputStream body() {
            // Helidon hands out the entity once
            if (body == null) {
                body = req.content().inputStream();
            }
            return body;
        }

        @Override
        public String remoteAddress() {
            return req.remotePeer().host();
        }

        @Override
        public String scheme() {
            return req.isSecure() ? "https" : "http";
        }

        @Override
        public int localPort() {
            int port = door.localPort;
            if (port < 0) {
                port = req.localPeer().port();
                door.localPort = port;
            }
            return port;
        }
    }
}
