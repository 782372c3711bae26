package io.inteli.proxy.forwarding;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.inteli.proxy.balancing.Balancer;
import io.inteli.proxy.balancing.BalancerSettings;
import io.inteli.proxy.balancing.Choice;
import io.inteli.proxy.http.HeadRefused;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.RequestTarget;
import io.inteli.proxy.http.StatusLine;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.upstream.ExchangeAbort;
import io.inteli.proxy.upstream.BackendResponse;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The forwarding core shared by both front doors: checks the request, chooses a backend, counts it in flight for
 * the whole exchange, rewrites the headers, sends the request with its body streamed, and hands back a
 * {@link ClientResponse} whose body streams from the backend. Connect failures are retried on another backend when
 * that is safe; other failures become 502, a read timeout 504 (see {@link Failure}).
 */
// a singleton on the request path, added by startup.DataPlaneWiring (see there why)
@Singleton
public class Forwarder {
    private static final System.Logger LOG = System.getLogger(Forwarder.class.getName());
    /** How much of a refused body is read and dropped before answering 413. */
    static final long DRAIN_LIMIT = 16L << 20;
    /**
     * A body of known length up to this size is read whole before the answer starts, so that a front door sends
     * head and body in one write and a backend failing inside the body still gets a clean 502/504. Larger ones,
     * and those of unknown length, stream. Streaming copies through a buffer up to 64 KiB, so this holds no more.
     */
    static final int WHOLE_BODY_LIMIT = 16 * 1024;
    /** The Allow header of a 405: the methods a reverse proxy forwards (any other token is forwarded too). */
    static final String ALLOWED = "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH";
    /** The status an exchange cut because its client went away is logged with (nginx's 499); never sent. */
    static final int CLIENT_CLOSED_REQUEST = 499;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

    private final ProxySettings settings;
    private final Balancer balancer;
    private final Ejector ejector;
    private final ProxyMetrics metrics;
    private final Optional<String> stickyCookie;
    private final BackendRequests backendRequests;
    private final ForwardedHeaders forwardedHeaders;
    private final AccessLog accessLog;
    private final ClientLimits limits;

    @Inject
    Forwarder(ProxySettings settings, ClientLimits limits, BalancerSettings balancerSettings, Balancer balancer,
                     Ejector ejector, ProxyMetrics metrics) {
        this.settings = settings;
        this.limits = limits;
        this.balancer = balancer;
        this.ejector = ejector;
        this.metrics = metrics;
        this.stickyCookie = balancerSettings.stickyCookie();
        this.backendRequests = new BackendRequests(settings);
        this.forwardedHeaders = new ForwardedHeaders(settings.preserveHost());
        this.accessLog = new AccessLog(settings.accessLog());
    }

    @PreDestroy
    void closeConnections() {
        backendRequests.close();
    }

    public ClientResponse forward(ClientRequest in) {
        long start = System.nanoTime();
        // a front door builds this list on each call: once per request
        List<HeaderLine> requestHeaders = in.headers();
        if (RequestChecks.headerSectionSize(requestHeaders) > settings.maxHeaderSize()) {
            return refused(in, start, 431);
        }
        String method = in.method();
        if (method.equals("CONNECT") || (method.equals("TRACE") && !limits.allowTrace())) {
            // a tunnel is not a reverse proxy's business, and TRACE would echo credentials set on the way
            return local(in, start, 405, "Method Not Allowed",
                         List.of(new HeaderLine("Allow", ALLOWED), new HeaderLine("Connection", "close")));
        }
        String path;
        try {
            // routes are matched on the path the backend will act on, not on the raw one ("/api/../admin")
            path = RequestTarget.normalize(in.rawPath());
        } catch (HeadRefused e) {
            return refused(in, start, e.status());
        }
        RequestChecks.Framing framing = RequestChecks.framing(requestHeaders);
        if (framing.refusal() != 0) {
            // the connection's framing is in doubt: close it rather than read the next request from it
            return refused(in, start, framing.refusal());
        }
        OptionalLong length = framing.length();
        long limit = settings.maxBodySize().orElse(Long.MAX_VALUE);
        if (length.isPresent() && length.getAsLong() > limit) {
            return tooLarge(in, in.body(), length, start);
        }
        boolean hasBody = framing.hasBody();
        boolean upgrade = Upgrades.websocket(in, hasBody);
        List<HeaderLine> endToEnd = HopByHop.strip(requestHeaders);
        Optional<String> stickyToken = stickyCookie.flatMap(name -> Cookies.value(requestHeaders, name));
        RequestBody body = new RequestBody(in::body, limit);
        ExchangeAbort abort = in.abort();
        Set<Long> tried = new HashSet<>();
        int retriesLeft = settings.retries();
        while (true) {
            Optional<Choice> choice = balancer.choose(path, stickyToken, tried);
            if (choice.isEmpty()) {
                return tried.isEmpty()
                        ? local(in, start, settings.noBackendStatus(), "No backend for this path", List.of())
                        : local(in, start, 502, "Bad Gateway", List.of());
            }
            Backend backend = choice.get().backend();
            tried.add(backend.registration());
            // the backend's slot: handed to the answer, or given back by the finally
            BackendExchange exchange = new BackendExchange(backend, in, start, metrics, accessLog);
            try {
                BackendResponse response;
                List<HeaderLine> backendHeaders = forwardedHeaders.backendRequestHeaders(
                        in, requestHeaders, endToEnd, BackendRequests.authority(backend));
                if (upgrade) {
                    Upgrades.askBackend(backendHeaders);
                }
                try {
                    response = backendRequests.send(backend, method, path, in.rawQuery(), framed(backendHeaders),
                                                    hasBody ? body : null, hasBody ? length.orElse(-1) : -1, upgrade,
                                                    abort);
                } catch (IOException | RuntimeException e) {
                    ClientResponse failed = failedBeforeAnswer(in, start, exchange, body, length, e);
                    if (failed != null) {
                        return failed;
                    }
                    if (retriesLeft > 0) {
                        retriesLeft--;
                        metrics.retried();
                        continue;
                    }
                    return failed(in, start, backend, Failure.of(e), e);
                }
                ejector.connected(backend);
                return relay(in, start, exchange, choice.get(), response);
            } finally {
                exchange.end();
            }
        }
    }

    /**
     * After a failed attempt to send the request and read the answer's head: the answer when it is final, null when
     * the request may go to another backend (as nginx's {@code proxy_next_upstream error}, see
     * {@link Failure#retried}).
     */
    private ClientResponse failedBeforeAnswer(ClientRequest in, long start, BackendExchange exchange, RequestBody body,
                                      OptionalLong length, Exception e) {
        // the backend is out of it: what follows (reading and dropping a refused body) is not its time
        exchange.end();
        Backend backend = exchange.backend();
        ExchangeAbort abort = in.abort();
        if (abort != null && abort.aborted()) {
            // the client went away: neither retried nor counted against the backend
            return clientGone(in, start, backend);
        }
        if (body.tooLarge()) {
            return tooLarge(in, in.body(), length, start);
        }
        if (body.clientFailure() != null) {
            // the client's body broke (malformed chunk, timeout, gone): not the backend's fault
            return refused(in, start, body.clientFailure().status());
        }
        Failure failure = Failure.of(e);
        if (failure == Failure.CONNECT) {
            ejector.connectFailed(backend);
        }
        if (failure.retried(IDEMPOTENT.contains(in.method()), body.touched())) {
            return null;
        }
        return failed(in, start, backend, failure, e);
    }

    /**
     * The backend request's headers without the client's Content-Length: the upstream client frames the body it
     * actually sends itself (Content-Length when it knows the length, else chunked) and drops any framing
     * field it is handed; removing it here too keeps that rule from resting on one class.
     */
    private static List<HeaderLine> framed(List<HeaderLine> headers) {
        headers.removeIf(h -> h.name().length() == 14 && h.is("content-length"));
        return headers;
    }

    /** A refused request: the status with its reason phrase as the body, and the connection closed after it. */
    private ClientResponse refused(ClientRequest in, long start, int status) {
        return local(in, start, status, StatusLine.reason(status), List.of(new HeaderLine("Connection", "close")));
    }

    /**
     * The answer side: the backend's status and end-to-end headers, framed by what the proxy knows (one
     * Content-Length of its own when the length is known or, on HEAD and 304, passed on; none otherwise, so the
     * front door chunks the body or delimits it by closing). A small body of known length, or a small chunked one
     * that arrived complete with the head, is read whole first, so a backend that fails inside it, or sends bytes
     * past it, still gets the client a clean 502/504.
     */
    private ClientResponse relay(ClientRequest in, long start, BackendExchange exchange, Choice choice,
                         BackendResponse response) {
        Backend backend = exchange.backend();
        int status = response.status();
        // stripped before the proxy's own Content-Length goes in: a backend's "Connection: Content-Length" must not
        // remove it
        List<HeaderLine> headers = HopByHop.strip(response.headers());
        if (response.advertisedLength() >= 0) {
            headers.add(new HeaderLine("Content-Length", Long.toString(response.advertisedLength())));
        }
        choice.stickyToken().ifPresent(token -> headers.add(new HeaderLine(
                "Set-Cookie", stickyCookie.orElseThrow() + "=" + token + "; Path=/; HttpOnly")));
        if (response.upgraded() && !Upgrades.switchedTo(response.headers())) {
            // a 101 to a protocol nobody asked for: its bytes would reach a client expecting WebSocket frames
            response.close();
            return failed(in, start, backend, Failure.INVALID,
                          new IOException("101 Switching Protocols without Upgrade: websocket"));
        }
        if (response.upgraded()) {
            // the in-flight slot is held until the tunnel closes (see BackendExchange.tunnelCompletion)
            return new ClientResponse(status, Upgrades.switched(headers), (InputStream) null, response::close,
                              exchange.tunnelCompletion(), -1)
                    .tunnel(new BackendTunnel(backend, response.body(), response.tunnelToBackend()));
        }
        boolean bodyless = !response.hasBody();
        long length = response.length();
        if (!bodyless && length < 0) {
            byte[] arrived;
            try {
                arrived = response.bodyIfArrived(WHOLE_BODY_LIMIT);
            } catch (IOException e) {
                return failed(in, start, backend, Failure.of(e), e);
            }
            if (arrived != null) {
                // a small chunked answer that is all there: its length is known now
                headers.add(new HeaderLine("Content-Length", Integer.toString(arrived.length)));
                return new ClientResponse(status, headers, arrived, response::close, exchange.completion());
            }
        }
        if (bodyless || length < 0 || length > WHOLE_BODY_LIMIT) {
            return new ClientResponse(status, headers, bodyless ? null : response.body(), response::close,
                              exchange.completion(), length);
        }
        byte[] body;
        try {
            body = response.body().readNBytes((int) length);
            if (body.length < length) {
                throw new EOFException("backend closed the connection " + body.length + " bytes into a "
                                               + length + "-byte body");
            }
            // reaches the end: the connection goes back to the pool, or this fails if bytes follow the answer
            response.body().read();
        } catch (IOException | RuntimeException e) {
            // nothing reached the client yet, so it can still get a proper 502 or 504 instead of a cut answer
            response.close();
            return failed(in, start, backend, Failure.of(e), e);
        }
        return new ClientResponse(status, headers, body, response::close, exchange.completion());
    }

    /**
     * The answer for an exchange that failed before anything reached the client, from {@link Failure}'s table; the
     * client's own failures are not counted against the backend.
     */
    private ClientResponse failed(ClientRequest in, long start, Backend backend, Failure failure, Throwable error) {
        ExchangeAbort abort = in.abort();
        if (abort != null && abort.aborted()) {
            return clientGone(in, start, backend);
        }
        LOG.log(System.Logger.Level.DEBUG, "backend " + backend.id() + " failed: " + failure, error);
        if (failure.clients()) {
            // the backend connection was left inside a request (it is closed); so is the client's
            return local(in, start, failure.status(), failure.reason(),
                         List.of(new HeaderLine("Connection", "close")), backend.id());
        }
        backend.load().stats().record(true, System.nanoTime() - start);
        return local(in, start, failure.status(), failure.reason(), List.of(), backend.id());
    }

    /**
     * The exchange was cut because its client went away (see {@link ExchangeAbort}): nothing is sent, and the access
     * log says 499, as nginx's "client closed request".
     */
    private ClientResponse clientGone(ClientRequest in, long start, Backend backend) {
        return local(in, start, CLIENT_CLOSED_REQUEST, "Client Closed Request",
                     List.of(new HeaderLine("Connection", "close")), backend.id());
    }

    /**
     * 413, after reading and dropping a bounded part of the rest of the body: a client still sending when the
     * connection closes would get a reset instead of the answer.
     */
    private ClientResponse tooLarge(ClientRequest in, InputStream rest, OptionalLong declared, long start) {
        try {
            if (in.closesWithoutDrain()) {
                return local(in, start, 413, "Content Too Large", List.of(new HeaderLine("Connection", "close")));
            }
            rest.skipNBytes(Math.min(DRAIN_LIMIT, declared.orElse(DRAIN_LIMIT)));
        } catch (IOException | RuntimeException e) {
            // the client stopped sending or the body ended: answer anyway
        }
        return local(in, start, 413, "Content Too Large", List.of(new HeaderLine("Connection", "close")));
    }

    private ClientResponse local(ClientRequest in, long start, int status, String text, List<HeaderLine> headers) {
        return local(in, start, status, text, headers, ProxyMetrics.NO_BACKEND);
    }

    private ClientResponse local(ClientRequest in, long start, int status, String text, List<HeaderLine> headers,
                         String backend) {
        return ClientResponse.local(status, text, headers, (sentStatus, bytes, complete) -> {
            long nanos = System.nanoTime() - start;
            metrics.finished(backend, sentStatus, nanos);
            accessLog.log(in, sentStatus, bytes, backend, nanos);
        });
    }

}
