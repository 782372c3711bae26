package io.inteli.proxy.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ends agent connections the Jakarta API cannot: after the proxy's close frame, a WebSocket container may wait for
 * the peer's answer and keep the TCP connection (and its thread) until the peer closes it, so a peer that never
 * answers would keep it for the container's idle timeout (minutes). A runtime that can reach the connection (on
 * Helidon, {@code controlport.ControlUpgrader}) names each registry connection in the {@value #HEADER} request
 * header and registers how to end it here; {@link PeerAddress} hands the name to the session. On a runtime without
 * that, nothing is registered and the container's own close applies.
 */
public final class ConnectionCloser {
    public static final String HEADER = "X-Inteli-Connection";
    private static final AtomicLong NEXT = new AtomicLong();
    private static final Map<String, Runnable> OPEN = new ConcurrentHashMap<>();

    private ConnectionCloser() {
    }

    public static String newName() {
        return Long.toString(NEXT.incrementAndGet());
    }

    /** Tracks the named connection from now until {@link #ended}; {@code close} ends its socket at once. */
    public static void opened(String name, Runnable close) {
        OPEN.put(name, close);
    }

    /** The named connection ended by itself; {@code close} is the one registered for it. */
    public static void ended(String name, Runnable close) {
        OPEN.remove(name, close);
    }

    /** Ends the connection's socket now (its endpoint gets its close event, if it had none yet). */
    static void close(String name) {
        Runnable close = name == null ? null : OPEN.remove(name);
        if (close != null) {
            close.run();
        }
    }

    static int open() {
        return OPEN.size();
    }
}
