package io.inteli.proxy.upstream;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets another thread cut one backend exchange, e.g. when its client went away while the backend was silent: the
 * backend connection the exchange uses at that moment is closed, so the read waiting on it fails at once, and the
 * connection is never pooled. A connection the exchange already gave back to the pool is never touched (another
 * exchange may use it), and one it takes after the cut is closed at once.
 */
public final class ExchangeAbort {
    private static final Object ABORTED = new Object();

    /** Null, the connection in use, or ABORTED (for good). */
    private final AtomicReference<Object> current = new AtomicReference<>();

    /** Cuts the exchange; true when a backend connection was in use and is now closed. */
    public boolean abort() {
        Object was = current.getAndSet(ABORTED);
        if (was instanceof BackendConnection connection) {
            connection.close();
            return true;
        }
        return false;
    }

    public boolean aborted() {
        return current.get() == ABORTED;
    }

    /** The exchange uses {@code connection} from now on; closed at once (and failing) when it was cut already. */
    void attach(BackendConnection connection) throws BackendException {
        while (true) {
            Object was = current.get();
            if (was == ABORTED) {
                connection.close();
                throw new BackendException(BackendException.Kind.CONNECTION_LOST,
                                           "the exchange was cut (its client went away)", null);
            }
            if (current.compareAndSet(was, connection)) {
                return;
            }
        }
    }

    /**
     * Before {@code connection} goes back to the pool: false when the exchange was cut meanwhile (the connection is
     * closed then and must not be pooled).
     */
    boolean detach(BackendConnection connection) {
        return current.compareAndSet(connection, null);
    }
}
