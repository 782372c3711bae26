package io.inteli.proxy.upstream;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The idle keep-alive connections to one backend, most recently used first: under light load the same few stay
 * warm and the rest age out.
 */
final class ConnectionPool {
    private final ConcurrentLinkedDeque<BackendConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int maxIdle;
    private final long idleTimeoutNanos;

    ConnectionPool(int maxIdle, long idleTimeoutNanos) {
        this.maxIdle = maxIdle;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /**
     * An idle connection young enough to trust and quiet since its last answer (see
     * {@link BackendConnection#quiet()}), claimed for one exchange; null when there is none.
     */
    BackendConnection take(long now) {
        BackendConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            size.decrementAndGet();
            if (connection.idleSince(now - idleTimeoutNanos)) {
                // the most recent is too old, so are all the others: the backend may be closing them
                connection.closeIfIdleSince(now - idleTimeoutNanos);
                sweep(now);
                return null;
            }
            if (connection.claim()) {
                if (connection.quiet()) {
                    return connection;
                }
                // unsolicited bytes or the backend's close arrived while it was idle: never hand those on
                connection.close();
            }
        }
        return null;
    }

    /** Puts a connection whose last exchange ended cleanly back, or closes it when the pool is full. */
    void give(BackendConnection connection, long now) {
        if (size.incrementAndGet() > maxIdle) {
            size.decrementAndGet();
            connection.close();
            return;
        }
        connection.idle(now);
        idle.offerFirst(connection);
    }

    /** Closes the connections idle for longer than the timeout. */
    void sweep(long now) {
        for (Iterator<BackendConnection> it = idle.descendingIterator(); it.hasNext(); ) {
            BackendConnection connection = it.next();
            if (connection.closeIfIdleSince(now - idleTimeoutNanos) && idle.remove(connection)) {
                size.decrementAndGet();
            }
        }
    }

    int idleCount() {
        return size.get();
    }

    void closeAll() {
        BackendConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            size.decrementAndGet();
            connection.close();
        }
    }
}
