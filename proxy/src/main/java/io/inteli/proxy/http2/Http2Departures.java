package io.inteli.proxy.http2;

import java.lang.reflect.Field;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.helidon.http.http2.Http2Stream;
import io.helidon.http.http2.Http2StreamState;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.ServerResponse;
import io.inteli.proxy.socket.JdkSockets;
import io.inteli.proxy.upstream.ExchangeAbort;

/**
 * Ends an HTTP/2 exchange whose client went away while the backend was silent. Helidon 4.2.6 neither interrupts nor
 * tells a stream's handler when the client resets the stream (RST_STREAM only marks it CLOSED) or closes the whole
 * connection, so a handler waiting on a silent backend (long poll, SSE between events) would keep the backend
 * connection and the in-flight slot until the backend's next bytes or the read timeout. One timer looks at the live
 * HTTP/2 exchanges every {@link #TICK_MILLIS} ms and cuts ({@link ExchangeAbort}) those whose stream was reset or
 * whose connection Helidon closed. The stream and the connection are reached as {@link Http2StreamReset} reaches
 * the stream (private fields of Helidon's response; the JDK socket through {@link JdkSockets}); without them
 * (another Helidon) nothing is watched.
 */
final class Http2Departures {
    static final long TICK_MILLIS = 50;
    private static final Field CONTEXT = contextField();

    private final Set<Watched> live = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService timer;

    /** Watches one exchange until the returned handle is closed; a no-op handle when it cannot be watched. */
    AutoCloseable watch(ServerResponse res, ExchangeAbort abort) {
        Http2Stream stream = Http2StreamReset.stream(res);
        Socket socket = socket(res);
        if (stream == null || socket == null) {
            return () -> { };
        }
        Watched w = new Watched(stream, socket, abort);
        live.add(w);
        started();
        return () -> live.remove(w);
    }

    void close() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
    }

    private void started() {
        if (timer == null) {
            synchronized (this) {
                if (timer == null) {
                    ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread thread = new Thread(r, "inteli-http2-departures");
                        thread.setDaemon(true);
                        return thread;
                    });
                    t.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
                    timer = t;
                }
            }
        }
    }

    private void check() {
        for (Watched w : live) {
            // while the handler runs, CLOSED can only come from the client's RST_STREAM (see Http2StreamReset)
            if (w.stream.streamState() == Http2StreamState.CLOSED || w.socket.isClosed()) {
                live.remove(w);
                w.abort.abort();
            }
        }
    }

    /** The connection's JDK socket: Helidon closes it when the client closed the connection. */
    private static Socket socket(ServerResponse res) {
        if (CONTEXT == null || !CONTEXT.getDeclaringClass().isInstance(res)) {
            return null;
        }
        try {
            return CONTEXT.get(res) instanceof ConnectionContext ctx ? JdkSockets.of(ctx.serverSocket()) : null;
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static Field contextField() {
        try {
            Field f = Class.forName("io.helidon.webserver.http2.Http2ServerResponse").getDeclaredField("ctx");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** One exchange, by identity. */
    private static final class Watched {
        private final Http2Stream stream;
        private final Socket socket;
        private final ExchangeAbort abort;

        Watched(Http2Stream stream, Socket socket, ExchangeAbort abort) {
            this.stream = stream;
            this.socket = socket;
            this.abort = abort;
        }
    }
}
