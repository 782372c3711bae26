package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.inteli.proxy.forwarding.ClientResponse;
import io.inteli.proxy.forwarding.ClientRequest;
import io.inteli.proxy.http.HeadRefused;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.HttpInput;
import io.inteli.proxy.http.RequestFraming;
import io.inteli.proxy.http.RequestHead;
import io.inteli.proxy.http.RequestTarget;
import io.inteli.proxy.http.Tokens;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.upstream.ExchangeAbort;

/**
 * One client connection of the native front door: reads a request head, decides its framing, forwards it, writes
 * the answer, and reads the next request only when the connection may stay open. A request it refuses (400, 408,
 * 413, 414, 431, 501, 505) is answered and the connection closed: nothing after a refused head is ever parsed.
 *
 * <p>Timeouts: a separate timer calls {@link #checkTimeout}; while a head or body is awaited and the client has been
 * silent too long, it answers 408 (unless the connection was idle between requests) and closes the socket, which
 * ends the read this connection's thread is blocked in.
 */
final class ClientConnection implements ServerConnection {
    private static final int BUFFER = 16 * 1024;
    /** Between requests; a timeout then closes without an answer unless bytes of a head have come. */
    private static final int HEAD = 1;
    private static final int BODY = 2;
    /** Forwarding or answering: the timer leaves the connection alone. */
    private static final int BUSY = 3;
    private static final int TIMED_OUT = 4;
    /** After a closing answer to a request not read to its end: the client's further bytes are read and dropped. */
    private static final int LINGER = 5;
    /**
     * Lingering close, as nginx's lingering_close: a connection closed with unread bytes in its receive buffer is
     * reset, and a reset can destroy the answer before the client has read it (a 413 while the client still sends
     * its body). So the rest is read and dropped, never parsed, until the client is silent for LINGER_SILENCE or
     * closes, at most LINGER_TIME or LINGER_BYTES.
     */
    private static final long LINGER_SILENCE_NANOS = 2_000_000_000L;
    private static final long LINGER_TIME_NANOS = 5_000_000_000L;
    private static final long LINGER_BYTES = 16L << 20;

    private final ClientConnections shared;
    private final ConnectionContext ctx;
    private final HelidonSocket socket;
    private final ClientInput input;
    private final HttpInput http;
    private final ClientResponseWriter writer;
    private final DataDoorRequest.Peer peer;
    private final DepartureWatch watch;
    /** The exchange in progress, to be cut when its client leaves once its body was read; this thread's only. */
    private ExchangeAbort exchangeAbort;
    private final AtomicInteger phase = new AtomicInteger(BUSY);
    private volatile long activeSince = System.nanoTime();
    private volatile long receivedAtHead;
    private volatile int served;
    private volatile Thread thread;
    /** Helidon closed the connection (server stop): a failed read is not the client leaving. */
    private volatile boolean closedByServer;
    /** The connection ends while the client may still be sending: linger before it closes. */
    private boolean unreadInput;

    ClientConnection(ClientConnections shared, ConnectionContext ctx) {
        this.shared = shared;
        this.ctx = ctx;
        this.socket = ctx.serverSocket();
        this.input = new ClientInput(ctx.dataReader(), socket, this);
        this.http = new HttpInput(input, BUFFER);
        this.writer = new ClientResponseWriter(ctx.dataWriter());
        this.peer = new DataDoorRequest.Peer(ctx);
        this.watch = new DepartureWatch(socket);
    }

    @Override
    public void handle(Limit limit) {
        thread = Thread.currentThread();
        shared.opened(this);
        try {
            serve();
            if (unreadInput && phase.get() != TIMED_OUT) {
                linger();
            }
        } catch (IOException | RuntimeException e) {
            if (phase.get() != TIMED_OUT) {
                String what = clientLeft() ? "client went away mid-answer: "
                        : shared.traffic().draining() ? "shutting down: cut the exchange with "
                        : e instanceof ClientResponseWriter.ClientGone ? "client went away mid-answer: "
                        : "answer cut (backend failed mid-body), closed the connection of ";
                // the client's leaving is the whole story; the backend read it cut adds nothing
                shared.abortLog().aborted(what + peer.address(), clientLeft() ? null : e);
            }
        } finally {
            shared.closed(this);
        }
    }

    @Override
    @SuppressWarnings("removal")
    public void handle(Semaphore requestSemaphore) {
        handle((Limit) null);
    }

    private void serve() throws IOException {
        ProxyLimits limits = new ProxyLimits(shared.settings().maxUriLength(), shared.settings().maxHeaderSize());
        while (true) {
            receivedAtHead = input.received();
            activeSince = System.nanoTime();
            phase.set(HEAD);
            RequestHead head;
            try {
                head = RequestHead.read(http, limits.uri(), limits.headers());
            } catch (HeadRefused e) {
                if (enter(HEAD)) {
                    refuse(e.status());
                }
                return;
            } catch (IOException e) {
                // the client went away, or the timer closed a silent connection
                return;
            }
            if (head == null || !enter(HEAD)) {
                return;
            }
            if (!exchange(head)) {
                return;
            }
            served++;
        }
    }

    /** Forwards one request and answers it; true when the connection may carry another. */
    private boolean exchange(RequestHead head) throws IOException {
        RequestTarget target;
        RequestFraming framing;
        List<HeaderLine> headers = head.headers();
        if (head.method().equals("CONNECT")) {
            // a tunnel is not a reverse proxy's business; its authority-form target is not routed either
            refuse(405);
            return false;
        }
        try {
            target = RequestTarget.parse(head.target());
            framing = RequestFraming.of(headers, head.version());
            headers = host(headers, target, head.version());
        } catch (HeadRefused e) {
            refuse(e.status());
            return false;
        }
        boolean http10 = head.version() == 10;
        boolean keepAlive = keepAlive(headers, http10);
        DataPlaneTraffic traffic = shared.traffic();
        if (!traffic.enter()) {
            writer.write(ClientResponse.shuttingDown(), false, http10, false);
            return false;
        }
        int status = 500;
        ExchangeAbort abort = new ExchangeAbort();
        try {
            ClientBody body = null;
            if (framing.hasBody()) {
                boolean awaitsContinue = !http10 && expectsContinue(headers);
                body = new ClientBody(http, framing, awaitsContinue, this);
                if (!awaitsContinue) {
                    activeSince = System.nanoTime();
                    phase.set(BODY);
                }
                // watched once the body was read to its end (bodyEnded): until then this thread reads the client
                exchangeAbort = abort;
            } else {
                watch.open(abort, input);
            }
            ClientResponse answer = shared.handler().answer(new DataDoorRequest(head.method(), target, headers, body,
                                                                           peer, !http10, abort));
            status = answer.status();
            if (watch.departed()) {
                // the client left while the backend was silent (or the server closed the connection): the exchange
                // was cut, nothing is written
                answer.ended(0, false);
                shared.abortLog().aborted(clientLeft() ? "client went away before the answer: " + peer.address()
                                                  : "shutting down: cut the exchange with " + peer.address(), null);
                return false;
            }
            if (!enter(BODY) && !enter(BUSY)) {
                // timed out: the timer answered 408 and closed the connection
                answer.ended(0, false);
                return false;
            }
            if (answer.tunnel() != null) {
                // the tunnel reads the client itself (a read the watch started comes first)
                watch.end(input);
                // WebSocket: from the 101 on, bytes both ways until either side closes; then the connection ends
                Tunnel.run(answer, http, ctx.dataWriter(), socket, shared.tunnels(), peer.address());
                return false;
            }
            keepAlive &= !answer.closesConnection() && (body == null || body.finished()) && !traffic.draining();
            unreadInput = body != null && !body.finished();
            return writer.write(answer, head.method().equals("HEAD"), http10, keepAlive);
        } finally {
            exchangeAbort = null;
            // the next read of the client is this thread's again (what a watcher read comes first)
            watch.end(input);
            traffic.exit(status);
        }
    }

    /**
     * RFC 9112 3.2: an HTTP/1.1 request has exactly one Host; an absolute-form target's authority replaces it.
     */
    private static List<HeaderLine> host(List<HeaderLine> headers, RequestTarget target, int version)
            throws HeadRefused {
        int hosts = 0;
        for (int i = 0; i < headers.size(); i++) {
            HeaderLine h = headers.get(i);
            if (h.name().length() == 4 && h.is("host")) {
                hosts++;
            }
        }
        if (hosts > 1 || (hosts == 0 && version >= 11 && target.authority() == null)) {
            throw new HeadRefused(400, "Bad Request");
        }
        if (target.authority() == null) {
            return headers;
        }
        List<HeaderLine> replaced = new ArrayList<>(headers.size() + 1);
        for (HeaderLine h : headers) {
            if (!h.is("host")) {
                replaced.add(h);
            }
        }
        replaced.add(new HeaderLine("Host", target.authority()));
        return replaced;
    }

    /** RFC 9112 9.3: HTTP/1.1 stays open unless "close" is listed; HTTP/1.0 only with "keep-alive". */
    private static boolean keepAlive(List<HeaderLine> headers, boolean http10) {
        boolean close = false;
        boolean keep = false;
        for (int i = 0; i < headers.size(); i++) {
            HeaderLine h = headers.get(i);
            if (h.name().length() == 10 && h.is("connection")) {
                for (String option : Tokens.listed(List.of(h), "connection")) {
                    close |= option.equalsIgnoreCase("close");
                    keep |= option.equalsIgnoreCase("keep-alive");
                }
            }
        }
        return !close && (!http10 || keep);
    }

    private static boolean expectsContinue(List<HeaderLine> headers) {
        for (int i = 0; i < headers.size(); i++) {
            HeaderLine h = headers.get(i);
            if (h.name().length() == 6 && h.is("expect") && h.value().equalsIgnoreCase("100-continue")) {
                return true;
            }
        }
        return false;
    }

    /** Answers a refused request with its status and closes: nothing after the refused head is read. */
    private void refuse(int status) throws IOException {
        unreadInput = true;
        writer.write(ClientResponse.refusal(status), false, false, false);
    }

    /** Reads and drops what the client still sends after the closing answer; see {@link #LINGER_SILENCE_NANOS}. */
    private void linger() {
        // the client sees the end of the answer at once; only its further bytes are waited for
        HalfClose.shutdownOutput(socket);
        long start = System.nanoTime();
        activeSince = start;
        phase.set(LINGER);
        byte[] dropped = new byte[BUFFER];
        long total = 0;
        try {
            while (total < LINGER_BYTES && System.nanoTime() - start < LINGER_TIME_NANOS) {
                int n = input.read(dropped, 0, dropped.length);
                if (n < 0) {
                    return;
                }
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the client closed or reset, or the timer closed a silent connection: nothing more to wait for
        }
    }

    /** Leaves {@code from} for BUSY; false when the connection timed out meanwhile. */
    private boolean enter(int from) {
        return phase.get() == BUSY || phase.compareAndSet(from, BUSY);
    }

    // ---- called by the input, the body and the timer

    void active() {
        activeSince = System.nanoTime();
    }

    void bodyEnded() {
        phase.compareAndSet(BODY, BUSY);
        ExchangeAbort abort = exchangeAbort;
        if (abort != null) {
            // the body was read to its end: nothing more is read from the client in this exchange
            exchangeAbort = null;
            watch.open(abort, input);
        }
    }

    void checkDeparture(long now) {
        watch.check(now);
    }

    boolean timedOut() {
        return phase.get() == TIMED_OUT;
    }

    /**
     * Asks for the body of a request that expects 100-continue, on its first read. The body timeout starts here: a
     * client waiting for the 100 is not silent by its own fault (the proxy reads a body once a backend takes it).
     */
    void sendContinue() throws IOException {
        if (phase.get() == BUSY) {
            writer.sendContinue();
            activeSince = System.nanoTime();
            phase.set(BODY);
        }
    }

    void checkTimeout(long now, long headerTimeoutNanos, long bodyTimeoutNanos) {
        int p = phase.get();
        long limit = p == HEAD ? headerTimeoutNanos : p == BODY ? bodyTimeoutNanos
                : p == LINGER ? LINGER_SILENCE_NANOS : -1;
        if (limit < 0 || now - activeSince < limit || !phase.compareAndSet(p, TIMED_OUT)) {
            return;
        }
        if (p == LINGER) {
            closeSocket();
            return;
        }
        // an idle keep-alive connection is closed quietly; a started head or body gets 408 first
        boolean answer = p == BODY || served == 0 || input.received() != receivedAtHead;
        try {
            if (answer) {
                // a writer of its own: the connection's is not touched while a head or body is awaited
                new ClientResponseWriter(ctx.dataWriter()).write(ClientResponse.refusal(408), false, false, false);
            }
        } catch (IOException | RuntimeException ignored) {
            // the client is gone as well
        } finally {
            closeSocket();
        }
    }

    /** The exchange was cut because the client went away, not because the server closed the connection. */
    private boolean clientLeft() {
        return watch.departed() && !closedByServer;
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (RuntimeException ignored) {
            // already closed
        }
    }

    @Override
    public Duration idleTime() {
        return phase.get() == HEAD ? Duration.ofNanos(System.nanoTime() - activeSince) : Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
        closedByServer = true;
        closeSocket();
        Thread t = thread;
        if (interrupt && t != null) {
            t.interrupt();
        }
    }

    private record ProxyLimits(int uri, int headers) {
    }

}
