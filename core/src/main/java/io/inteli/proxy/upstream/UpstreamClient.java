package io.inteli.proxy.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.inteli.proxy.http.BulkInputStream;
import io.inteli.proxy.http.ChunkedInputStream;
import io.inteli.proxy.http.ChunkedOutputStream;
import io.inteli.proxy.http.ContentLength;
import io.inteli.proxy.http.FixedLengthInputStream;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.HttpInput;
import io.inteli.proxy.http.MalformedBodyException;
import io.inteli.proxy.http.NoBody;
import io.inteli.proxy.http.Tokens;

/**
 * The proxy-to-backend HTTP/1.1 client: keep-alive connections pooled per backend, the request written as given
 * (target byte for byte, headers in order) but framed by the client itself, the response streamed back.
 *
 * <p>It replaces the Helidon WebClient on the forwarding path: measured on the benchmark, the WebClient cost about
 * three times the CPU per request of the whole rest of the proxy (see bench/README.md). It does only what a
 * reverse proxy needs: no redirects, no content coding, no cookies, no proxy.
 *
 * <p>One message is one message: the request's framing is the client's own (Content-Length when the length is
 * known, else chunked; any framing field it is handed is dropped), and an answer whose framing is ambiguous
 * (Content-Length with Transfer-Encoding, differing lengths, a transfer coding other than {@code chunked}, bytes
 * past its end, an unsolicited 101) is refused and its connection closed. A connection returns to the pool only
 * when its answer ended exactly at the message boundary, and is checked for unsolicited bytes before reuse.
 *
 * <p>Failures are {@link BackendException}s whose {@link BackendException.Kind} says what went wrong, or a
 * {@link ClientBodyException} when reading the client's body failed.
 */
public final class UpstreamClient implements AutoCloseable {
    /** Idle connections kept per backend; above the benchmark's 256 client connections. */
    static final int MAX_IDLE = 512;
    /**
     * A pooled connection older than this is closed rather than reused: shorter than the usual backend keep-alive
     * timeouts (Node.js 5 s, Tomcat 20 s, nginx 75 s), so that the proxy seldom writes to one the backend is
     * closing at that moment.
     */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(4);
    /** Interim (1xx) answers skipped before the final one; more is a backend looping. */
    static final int MAX_INTERIM_ANSWERS = 16;

    private final int connectTimeoutMillis;
    private final int maxResponseHeaderSize;
    private final SSLContext tls;
    private final long idleTimeoutNanos;
    private final ConcurrentHashMap<Address, ConnectionPool> pools = new ConcurrentHashMap<>();
    private final ReadWatchdog watchdog;
    private final ScheduledExecutorService timer;
    private final long sweepEveryNanos;
    private long lastSweep;

    /** With the JDK's default trust store for https backends. */
    public UpstreamClient(Duration connectTimeout, Duration readTimeout, int maxResponseHeaderSize) {
        this(connectTimeout, readTimeout, maxResponseHeaderSize, defaultTls(), IDLE_TIMEOUT);
    }

    UpstreamClient(Duration connectTimeout, Duration readTimeout, int maxResponseHeaderSize, SSLContext tls,
                   Duration idleTimeout) {
        this.connectTimeoutMillis = millis(connectTimeout);
        this.maxResponseHeaderSize = maxResponseHeaderSize;
        this.tls = tls;
        this.idleTimeoutNanos = idleTimeout.toNanos();
        this.watchdog = new ReadWatchdog(readTimeout.toNanos());
        this.sweepEveryNanos = idleTimeout.toNanos() / 4;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inteli-upstream-timer");
            t.setDaemon(true);
            return t;
        });
        long tick = ReadWatchdog.tickMillis(readTimeout.toMillis());
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    /**
     * Sends one request and reads the head of its response; a 101 is refused (see the method with {@code upgrade}).
     *
     * @param backend       scheme, host and port of the backend (its path is not used)
     * @param target        the request target as it goes on the wire (path and query)
     * @param headers       every header to send, Host included; Content-Length and Transfer-Encoding are dropped
     *                      (this client frames the body itself), and so is a Connection option naming them
     * @param body          the request body, or null when there is none
     * @param contentLength the body's length when known, else -1 to send it chunked
     */
    public BackendResponse exchange(URI backend, String method, String target, List<HeaderLine> headers,
                                     InputStream body, long contentLength) throws IOException {
        return exchange(backend, method, target, headers, body, contentLength, false);
    }

    /**
     * As the other, and says whether the request asked for a protocol upgrade: only then is a 101 an answer (the
     * connection becomes a tunnel, see {@link BackendResponse#tunnelToBackend()}); otherwise a 101 is an invalid
     * answer.
     */
    public BackendResponse exchange(URI backend, String method, String target, List<HeaderLine> headers,
                                     InputStream body, long contentLength, boolean upgrade) throws IOException {
        return exchange(backend, method, target, headers, body, contentLength, upgrade, null);
    }

    /**
     * As the other, and cut by {@code abort} (null for none) when another thread asks: see {@link ExchangeAbort}.
     */
    public BackendResponse exchange(URI backend, String method, String target, List<HeaderLine> headers,
                                     InputStream body, long contentLength, boolean upgrade, ExchangeAbort abort)
            throws IOException {
        Address address = Address.of(backend);
        ConnectionPool pool = pools.computeIfAbsent(address, a -> new ConnectionPool(MAX_IDLE, idleTimeoutNanos));
        BackendConnection connection = pool.take(System.nanoTime());
        if (connection == null) {
            connection = connect(address);
        }
        try {
            if (abort != null) {
                abort.attach(connection);
            }
            writeRequest(connection.out(), method, target, headers, body, contentLength);
            return readResponse(connection, pool, method, upgrade, abort);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw classify(e);
        }
    }

    /** Open connections to all backends, idle or busy. */
    int openConnections() {
        return watchdog.watched();
    }

    /** Idle connections to all backends. */
    int idleConnections() {
        return pools.values().stream().mapToInt(ConnectionPool::idleCount).sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pools.values().forEach(ConnectionPool::closeAll);
    }

    private BackendConnection connect(Address address) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            Socket plain = channel.socket();
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(address.host(), address.port()), connectTimeoutMillis);
            Socket socket = address.secure() ? handshake(plain, address) : plain;
            BackendConnection connection = new BackendConnection(socket, channel);
            watchdog.watch(connection);
            return connection;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw connectFailure(address, e);
        }
    }

    private static BackendException connectFailure(Address address, Exception e) {
        BackendException.Kind kind = e instanceof SocketTimeoutException ? BackendException.Kind.CONNECT_TIMEOUT
                : e instanceof ConnectException || e instanceof NoRouteToHostException
                ? BackendException.Kind.CONNECT_REFUSED
                : BackendException.Kind.CONNECT_FAILED;
        return new BackendException(kind, "cannot connect to " + address + ": " + e, e);
    }

    private Socket handshake(Socket plain, Address address) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory()
                .createSocket(plain, address.host(), address.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        // the handshake belongs to connecting: it gets the connect timeout, and its failure is not a 504
        socket.setSoTimeout(connectTimeoutMillis);
        socket.startHandshake();
        // from here on the watchdog times reads (see BackendConnection)
        socket.setSoTimeout(0);
        return socket;
    }

    /**
     * Writes the head, then the body as it arrives. The head leaves at once (flushed before the first read from
     * the client that would wait), so a slow upload reaches the backend as it comes rather than holding a
     * connection silent; a body already at hand goes out with the head in one write.
     */
    private static void writeRequest(OutputStream out, String method, String target, List<HeaderLine> headers,
                                     InputStream body, long contentLength) throws IOException {
        StringBuilder head = new StringBuilder(256 + headers.size() * 32);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (HeaderLine h : headers) {
            if (h.is("content-length") || h.is("transfer-encoding")) {
                continue;
            }
            String value = h.is("connection") ? withoutFramingOptions(h.value()) : h.value();
            if (value != null) {
                head.append(h.name()).append(": ").append(value).append("\r\n");
            }
        }
        if (body == null || contentLength == 0) {
            // RFC 9110 8.6: a request of a method that defines content says it has none
            if (contentLength == 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
                head.append("Content-Length: 0\r\n");
            }
            body = null;
        } else if (contentLength > 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        } else {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            if (contentLength < 0) {
                ChunkedOutputStream chunks = new ChunkedOutputStream(out);
                copy(body, chunks, out, Long.MAX_VALUE);
                chunks.finish();
            } else {
                copy(body, out, out, contentLength);
            }
        }
        out.flush();
    }

    /**
     * A Connection value without the options that name a framing field (a backend honouring them would drop the
     * length this client wrote); null when nothing is left.
     */
    private static String withoutFramingOptions(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.contains("content-length") && !lower.contains("transfer-encoding")) {
            return value;
        }
        StringBuilder kept = new StringBuilder();
        for (String option : value.split(",")) {
            String name = option.trim();
            if (!name.isEmpty() && !name.equalsIgnoreCase("content-length")
                    && !name.equalsIgnoreCase("transfer-encoding")) {
                kept.append(kept.isEmpty() ? "" : ", ").append(name);
            }
        }
        return kept.isEmpty() ? null : kept.toString();
    }

    /**
     * Copies the client's body (up to {@code length} bytes, or to its end) to {@code to}, flushing {@code out}
     * whenever the client has nothing more at hand, so every byte sent reaches the backend without waiting for the
     * next. A client failure is a {@link ClientBodyException}.
     */
    private static void copy(InputStream body, OutputStream to, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BackendConnection.BUFFER, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            if (clientAvailable(body) <= 0) {
                out.flush();
            }
            int n = clientRead(body, buffer, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new ClientBodyException("the client's body ended " + left + " bytes before its Content-Length",
                                              null);
            }
            to.write(buffer, 0, n);
            left -= n;
        }
    }

    private static int clientAvailable(InputStream body) throws ClientBodyException {
        try {
            return body.available();
        } catch (IOException | RuntimeException e) {
            throw new ClientBodyException("reading the client's body failed: " + e.getMessage(), e);
        }
    }

    private static int clientRead(InputStream body, byte[] buffer, int length) throws ClientBodyException {
        try {
            return body.read(buffer, 0, length);
        } catch (IOException | RuntimeException e) {
            throw new ClientBodyException("reading the client's body failed: " + e.getMessage(), e);
        }
    }

    private BackendResponse readResponse(BackendConnection connection, ConnectionPool pool, String method,
                                          boolean upgrade, ExchangeAbort abort) throws IOException {
        HttpInput in = connection.in();
        ResponseHead head = ResponseHead.read(in, maxResponseHeaderSize);
        // interim answers (100 Continue, 103 Early Hints) are not relayed: the proxy's own server handles Expect
        for (int interim = 0; head.status() < 200 && head.status() != 101; interim++) {
            if (interim == MAX_INTERIM_ANSWERS) {
                throw BackendException.invalid("more than " + MAX_INTERIM_ANSWERS + " interim answers");
            }
            head = ResponseHead.read(in, maxResponseHeaderSize);
        }
        int status = head.status();
        if (status == 101) {
            return upgraded(connection, head, upgrade);
        }
        boolean keepAlive = head.http11() && !Tokens.listed(head.headers(), "connection").contains("close");
        Framing framing = Framing.of(head.framing());
        boolean bodyless = NoBody.in(method, status);
        InputStream framed;
        long length;
        long advertised;
        if (bodyless) {
            // RFC 9112 6.3: no body, whatever the fields say; a length on HEAD and 304 is passed on, never used
            if (in.buffered() > 0) {
                throw BackendException.invalid("bytes after an answer that has no body");
            }
            framed = null;
            length = 0;
            advertised = NoBody.mayDeclareLength(status) ? framing.contentLength() : -1;
        } else if (framing.chunked()) {
            framed = new ChunkedInputStream(in);
            length = -1;
            advertised = -1;
        } else if (framing.contentLength() >= 0) {
            length = framing.contentLength();
            framed = new FixedLengthInputStream(in, length);
            advertised = length;
        } else {
            // until the backend closes: nothing left to reuse
            framed = untilClose(in);
            keepAlive = false;
            length = -1;
            advertised = -1;
        }
        BackendResponse.Body body = new BackendResponse.Body(framed, in, keepAlive, ended(connection, pool, abort));
        return new BackendResponse(status, head.headers(), body, !bodyless, length, advertised, null);
    }

    private BackendResponse upgraded(BackendConnection connection, ResponseHead head, boolean upgrade)
            throws BackendException {
        if (!upgrade) {
            throw BackendException.invalid("101 Switching Protocols to a request that asked for no upgrade");
        }
        connection.untimed();
        BackendResponse.Body body = BackendResponse.Body.tunnel(untilClose(connection.in()), connection.in(),
                                                                  reusable -> connection.close());
        return new BackendResponse(101, head.headers(), body, true, -1, -1, connection.tunnelOut());
    }

    private static BackendResponse.Body.End ended(BackendConnection connection, ConnectionPool pool,
                                                   ExchangeAbort abort) {
        return reusable -> {
            // detached first: a cut coming later must not close a connection another exchange took from the pool
            if (reusable && (abort == null || abort.detach(connection))) {
                pool.give(connection, System.nanoTime());
            } else {
                connection.close();
            }
        };
    }

    /**
     * How an answer's body is delimited, from its Content-Length and Transfer-Encoding fields; refused (502) when
     * two readers could disagree: both fields, differing or invalid lengths, a transfer coding other than exactly
     * one {@code chunked} (the proxy decodes no other, and relaying one undecoded would corrupt the body).
     */
    private record Framing(boolean chunked, long contentLength) {
        static Framing of(List<HeaderLine> fields) throws BackendException {
            if (fields.isEmpty()) {
                return new Framing(false, -1);
            }
            String codings = null;
            boolean hasLength = false;
            for (HeaderLine h : fields) {
                if (h.is("transfer-encoding")) {
                    codings = codings == null ? h.value() : codings + "," + h.value();
                } else {
                    hasLength = true;
                }
            }
            if (codings != null && hasLength) {
                throw BackendException.invalid("Content-Length together with Transfer-Encoding");
            }
            if (codings != null) {
                if (!codings.trim().equalsIgnoreCase("chunked")) {
                    throw BackendException.invalid("transfer coding other than chunked: " + codings);
                }
                return new Framing(true, -1);
            }
            try {
                return new Framing(false, ContentLength.of(fields).orElseThrow());
            } catch (ContentLength.Invalid e) {
                throw BackendException.invalid(e.getMessage());
            }
        }
    }

    private static InputStream untilClose(HttpInput in) {
        return new BulkInputStream() {
            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                return in.read(target, offset, length);
            }

            @Override
            public int available() {
                return in.buffered();
            }
        };
    }

    /** Any failure of an exchange as a {@link BackendException}, but a client's as it was. */
    private static IOException classify(Throwable e) {
        if (e instanceof BackendException || e instanceof ClientBodyException) {
            return (IOException) e;
        }
        if (e instanceof SocketTimeoutException) {
            return new BackendException(BackendException.Kind.READ_TIMEOUT, "no answer within the read timeout", e);
        }
        if (e instanceof MalformedBodyException) {
            return BackendException.invalid(e.getMessage());
        }
        return new BackendException(BackendException.Kind.CONNECTION_LOST,
                                    "backend connection lost: " + e.getMessage(), e);
    }

    private void tick() {
        long now = System.nanoTime();
        watchdog.tick(now);
        if (now - lastSweep >= sweepEveryNanos) {
            lastSweep = now;
            pools.values().forEach(pool -> pool.sweep(now));
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
