package io.inteli.proxy.dataplane;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One line per aborted client connection at most, and at most {@link #PER_WINDOW} lines per ten seconds: two
 * thousand clients going away at once must not become two thousand stack traces. The stack trace is logged at
 * DEBUG only; what was suppressed is counted in the next line.
 */
final class AbortLog {
    static final int PER_WINDOW = 10;
    private static final long WINDOW_NANOS = 10_000_000_000L;
    private static final System.Logger LOG = System.getLogger(AbortLog.class.getName());

    private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
    private final AtomicInteger inWindow = new AtomicInteger();
    private final AtomicInteger suppressed = new AtomicInteger();

    void aborted(String what, Throwable cause) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, what, cause);
            return;
        }
        long now = System.nanoTime();
        long start = windowStart.get();
        if (now - start > WINDOW_NANOS && windowStart.compareAndSet(start, now)) {
            inWindow.set(0);
        }
        if (inWindow.incrementAndGet() > PER_WINDOW) {
            suppressed.incrementAndGet();
            return;
        }
        int before = suppressed.getAndSet(0);
        String reason = cause == null ? "" : ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        LOG.log(Level.INFO, what + reason + (before > 0 ? " (" + before + " similar lines suppressed)" : ""));
    }
}
