package io.inteli.proxy.upstream;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces the read timeout of every open backend connection from one timer (see {@link BackendConnection}): a
 * read that has waited longer than the timeout is failed within one tick after it expires.
 */
final class ReadWatchdog {
    private final Set<BackendConnection> open = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;

    ReadWatchdog(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    /** The tick that keeps the timeout's precision within a tenth of it, between 10 ms and 250 ms. */
    static long tickMillis(long timeoutMillis) {
        return Math.max(10, Math.min(250, timeoutMillis / 10));
    }

    void watch(BackendConnection connection) {
        open.add(connection);
    }

    void tick(long now) {
        long deadline = now - timeoutNanos;
        for (BackendConnection connection : open) {
            if (connection.closed()) {
                open.remove(connection);
            } else {
                connection.timeOutReadStartedBefore(deadline);
            }
        }
    }

    /** Connections still open (closed ones leave the set at the next tick). */
    int watched() {
        return (int) open.stream().filter(c -> !c.closed()).count();
    }
}
