package io.inteli.proxy.controlport;

import java.time.Duration;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.webserver.spi.ServerConnection;
import io.inteli.proxy.control.ConnectionCloser;

/**
 * A registry connection known to the core's {@link ConnectionCloser} by its name from the moment it is upgraded until
 * it ends, so the control plane can end its socket when the peer does not answer a close frame.
 */
record TrackedConnection(String name, ServerConnection connection, Runnable closer) implements ServerConnection {
    /** The connection, tracked from now until it ends; null when there is none. */
    static ServerConnection track(String name, ServerConnection connection) {
        if (connection == null) {
            return null;
        }
        TrackedConnection tracked = new TrackedConnection(name, connection, () -> connection.close(true));
        ConnectionCloser.opened(name, tracked.closer);
        return tracked;
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        try {
            connection.handle(limit);
        } finally {
            ConnectionCloser.ended(name, closer);
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
