package io.inteli.proxy.registry;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Live figures of one registration for the dashboard: requests, errors and latencies over the last minute, in
 * one-second slots of a ring, without locks. A slot is reset by the first writer of a new second; a write racing
 * with that reset may be lost, which a dashboard figure can afford.
 * <p>
 * Latencies go into log-linear buckets (4 per power of two of microseconds), so p50/p99 are within about 20 %.
 */
public final class BackendStats {
    static final int SECONDS = 60;
    private static final int SUB_BUCKETS = 4;
    private static final int BUCKETS = 40 * SUB_BUCKETS;
    // per slot: [second, requests, errors, bucket 0 .. BUCKETS-1]
    private static final int SLOT = 3 + BUCKETS;

    private final AtomicLongArray slots = new AtomicLongArray(SECONDS * SLOT);
    private final AtomicInteger consecutiveConnectFailures = new AtomicInteger();
    private final java.util.function.LongSupplier clockNanos;

    BackendStats() {
        this(System::nanoTime);
    }

    BackendStats(java.util.function.LongSupplier clockNanos) {
        this.clockNanos = clockNanos;
        for (int i = 0; i < SECONDS; i++) {
            slots.set(i * SLOT, Long.MIN_VALUE);
        }
    }

    /**
     * @param error a 5xx answer, including the proxy's own 502 and 504
     */
    public void record(boolean error, long latencyNanos) {
        long second = Math.floorDiv(clockNanos.getAsLong(), 1_000_000_000L);
        int base = (int) Math.floorMod(second, (long) SECONDS) * SLOT;
        long seen = slots.get(base);
        if (seen != second && slots.compareAndSet(base, seen, second)) {
            for (int i = base + 1; i < base + SLOT; i++) {
                slots.set(i, 0);
            }
        }
        slots.incrementAndGet(base + 1);
        if (error) {
            slots.incrementAndGet(base + 2);
        }
        slots.incrementAndGet(base + 3 + bucket(Math.max(0, latencyNanos / 1000)));
    }

    /** Consecutive connect failures, after counting this one. */
    public int connectFailed() {
        return consecutiveConnectFailures.incrementAndGet();
    }

    public void connectSucceeded() {
        if (consecutiveConnectFailures.get() != 0) {
            consecutiveConnectFailures.set(0);
        }
    }

    /** The last full minute plus the current second. */
    public Window lastMinute() {
        long now = Math.floorDiv(clockNanos.getAsLong(), 1_000_000_000L);
        long requests = 0;
        long errors = 0;
        long[] histogram = new long[BUCKETS];
        for (int slot = 0; slot < SECONDS; slot++) {
            int base = slot * SLOT;
            long second = slots.get(base);
            if (second == Long.MIN_VALUE || now - second >= SECONDS || second > now) {
                continue;
            }
            requests += slots.get(base + 1);
            errors += slots.get(base + 2);
            for (int b = 0; b < BUCKETS; b++) {
                histogram[b] += slots.get(base + 3 + b);
            }
        }
        return new Window(requests, errors, percentile(histogram, 0.50), percentile(histogram, 0.99));
    }

    static int bucket(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int exponent = 63 - Long.numberOfLeadingZeros(micros);
        int sub = (int) (micros >>> (exponent - 2)) & (SUB_BUCKETS - 1);
        return Math.min(BUCKETS - 1, (exponent - 1) * SUB_BUCKETS + sub);
    }

    /** The largest value of a bucket, in microseconds. */
    static long upperBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int exponent = bucket / SUB_BUCKETS + 1;
        int sub = bucket % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub + 1) << (exponent - 2)) - 1;
    }

    private static Optional<Duration> percentile(long[] histogram, double quantile) {
        long total = 0;
        for (long count : histogram) {
            total += count;
        }
        if (total == 0) {
            return Optional.empty();
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen >= rank) {
                return Optional.of(Duration.ofNanos(upperBound(b) * 1000));
            }
        }
        return Optional.of(Duration.ofNanos(upperBound(histogram.length - 1) * 1000));
    }

    /** Figures over the last minute; rates are per second of that minute. */
    public record Window(long requests, long errors, Optional<Duration> p50, Optional<Duration> p99) {
        public double requestsPerSecond() {
            return requests / (double) SECONDS;
        }

        /** Errors / requests, 0 without requests. */
        public double errorRate() {
            return requests == 0 ? 0 : errors / (double) requests;
        }
    }
}
