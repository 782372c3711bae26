package io.inteli.proxy.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.spi.ServerConnection;

/**
 * Ends agent connections the Jakarta API cannot: after the proxy's close frame, Tyrus waits for the peer's answer
 * and Helidon's bridge keeps the TCP connection (and its thread) until the peer closes it, so a peer that never
 * answers would keep it for Helidon's idle timeout (minutes). {@link ControlUpgrader} names each registry connection
 * in the {@value #HEADER} request header and registers it here; {@link PeerAddress} hands the name to the session.
 */
final class ConnectionCloser {
    static final String HEADER = "X-Inteli-Connection";
    private static final AtomicLong NEXT = new AtomicLong();
    private static final Map<String, ServerConnection> OPEN = new ConcurrentHashMap<>();

    private ConnectionCloser() {
    }

    static String newName() {
        return Long.toString(NEXT.incrementAndGet());
    }

    /** The connection, tracked from now until it ends. */
    static ServerConnection track(String name, ServerConnection connection) {
        if (connection == null) {
            return null;
        }
        OPEN.put(name, connection);
        return new Tracked(name, connection);
    }

    /** Ends the connection's socket now (its endpoint gets its close event, if it had none yet). */
    static void close(String name) {
        ServerConnection connection = name == null ? null : OPEN.remove(name);
        if (connection != null) {
            connection.close(true);
        }
    }

    static int open() {
        return OPEN.size();
    }

    private record Tracked(String name, ServerConnection connection) implements ServerConnection {
        @Override
        public void handle(Limit limit) throws InterruptedException {
            try {
                connection.handle(limit);
            } finally {
                OPEN.remove(name, connection);
            }
        }

        @Override
        public Duration idleTime() {
            return connection.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            connection.close(interrupt);
        }
    }
}
