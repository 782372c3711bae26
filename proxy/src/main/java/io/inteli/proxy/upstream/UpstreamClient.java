package io.inteli.proxy.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
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
import io.inteli.proxy.http.Tokens;

/**
 * The proxy-to-backend HTTP/1.1 client: keep-alive connections pooled per backend, the request written as given
 * (target byte for byte, headers in order, nothing added but the framing), the response streamed back.
 *
 * <p>It replaces the Helidon WebClient on the forwarding path: measured on the benchmark, the WebClient cost about
 * three times the CPU per request of the whole rest of the proxy (see bench/README.md). It does only what a
 * reverse proxy needs: no redirects, no content coding, no cookies, no proxy.
 *
 * <p>Failures surface as the JDK's exceptions, which the caller classifies: {@link java.net.ConnectException} or a
 * "connect timed out" {@link java.net.SocketTimeoutException} when nothing reached the backend, another
 * {@link java.net.SocketTimeoutException} when the answer did not come within the read timeout, any other
 * {@link IOException} for a broken exchange (including a response that violates HTTP/1.1).
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
     * Sends one request and reads the head of its response.
     *
     * @param backend       scheme, host and port of the backend (its path is not used)
     * @param target        the request target as it goes on the wire (path and query)
     * @param headers       every header to send, Host included, Transfer-Encoding excluded
     * @param body          the request body, or null when there is none
     * @param contentLength the body's declared length, or -1 to send it chunked
     */
    public UpstreamResponse exchange(URI backend, String method, String target, List<HeaderLine> headers,
                                     InputStream body, long contentLength) throws IOException {
        Address address = Address.of(backend);
        ConnectionPool pool = pools.computeIfAbsent(address, a -> new ConnectionPool(MAX_IDLE, idleTimeoutNanos));
        BackendConnection connection = pool.take(System.nanoTime());
        if (connection == null) {
            connection = connect(address);
        }
        try {
            writeRequest(connection.out(), method, target, headers, body, contentLength);
            return readResponse(connection, pool, method);
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
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
        Socket plain = new Socket();
        try {
            plain.setTcpNoDelay(true);
            plain.connect(new InetSocketAddress(address.host(), address.port()), connectTimeoutMillis);
            Socket socket = address.secure() ? handshake(plain, address) : plain;
            BackendConnection connection = new BackendConnection(socket, plain);
            watchdog.watch(connection);
            return connection;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
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

    private static void writeRequest(OutputStream out, String method, String target, List<HeaderLine> headers,
                                     InputStream body, long contentLength) throws IOException {
        StringBuilder head = new StringBuilder(256 + headers.size() * 32);
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (HeaderLine h : headers) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        boolean chunked = body != null && contentLength < 0;
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            if (chunked) {
                ChunkedOutputStream chunks = new ChunkedOutputStream(out);
                body.transferTo(chunks);
                chunks.finish();
            } else {
                copyExactly(body, out, contentLength);
            }
        }
        out.flush();
    }

    private static void copyExactly(InputStream body, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BackendConnection.BUFFER, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the client's body ended " + left + " bytes before its Content-Length");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private UpstreamResponse readResponse(BackendConnection connection, ConnectionPool pool, String method)
            throws IOException {
        HttpInput in = connection.in();
        ResponseHead head = ResponseHead.read(in, maxResponseHeaderSize);
        // interim answers (100 Continue, 103 Early Hints) are not relayed: the proxy's own server handled Expect
        while (head.status() < 200 && head.status() != 101) {
            head = ResponseHead.read(in, maxResponseHeaderSize);
        }
        int status = head.status();
        boolean keepAlive = head.http11() && status != 101
                && !Tokens.listed(head.headers(), "connection").contains("close");
        // null: no body; a body that ends when the connection closes leaves nothing to reuse
        InputStream framed;
        long length = -1;
        String transferEncoding = joined(head.headers(), "transfer-encoding");
        String contentLength = joined(head.headers(), "content-length");
        if (method.equals("HEAD") || status == 204 || status == 304 || status == 101) {
            framed = null;
        } else if (transferEncoding != null) {
            if (lastCodingIsChunked(transferEncoding)) {
                framed = new ChunkedInputStream(in);
            } else {
                framed = untilClose(in);
                keepAlive = false;
            }
            // RFC 9112 6.1: with both, the length is ignored and the connection is not reused
            keepAlive &= contentLength == null;
        } else if (contentLength != null) {
            length = declaredLength(head.headers());
            framed = new FixedLengthInputStream(in, length);
        } else {
            framed = untilClose(in);
            keepAlive = false;
        }
        UpstreamResponse.Body body = new UpstreamResponse.Body(framed, keepAlive, reusable -> {
            if (reusable) {
                pool.give(connection, System.nanoTime());
            } else {
                connection.close();
            }
        });
        return new UpstreamResponse(status, head.headers(), body, length);
    }

    private static InputStream untilClose(HttpInput in) {
        return new BulkInputStream() {
            @Override
            public int read(byte[] target, int offset, int length) throws IOException {
                return in.read(target, offset, length);
            }
        };
    }

    /** All values of a header joined with commas, as RFC 9110 5.3 allows; null when absent. */
    private static String joined(List<HeaderLine> headers, String name) {
        String value = null;
        for (HeaderLine h : headers) {
            if (h.is(name)) {
                value = value == null ? h.value() : value + "," + h.value();
            }
        }
        return value;
    }

    private static boolean lastCodingIsChunked(String transferEncoding) {
        String[] codings = transferEncoding.split(",");
        return codings[codings.length - 1].trim().toLowerCase(Locale.ROOT).equals("chunked");
    }

    private static long declaredLength(List<HeaderLine> headers) throws ResponseHead.InvalidResponse {
        try {
            return ContentLength.of(headers).orElseThrow();
        } catch (ContentLength.Invalid e) {
            throw new ResponseHead.InvalidResponse(e.getMessage());
        }
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
