package io.inteli.proxy.registry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendStatsTest {
    private final AtomicLong now = new AtomicLong(1_000L * 1_000_000_000L);
    private final BackendStats stats = new BackendStats(now::get);

    @Test
    void readsRequestsErrorsAndPercentilesOfTheLastMinute() {
        for (int i = 0; i < 98; i++) {
            stats.record(false, Duration.ofMillis(2).toNanos());
        }
        stats.record(true, Duration.ofMillis(100).toNanos());
        stats.record(true, Duration.ofMillis(100).toNanos());
        BackendStats.Window w = stats.lastMinute();
        assertEquals(100, w.requests());
        assertEquals(2, w.errors());
        assertEquals(0.02, w.errorRate(), 1e-9);
        assertEquals(100 / 60.0, w.requestsPerSecond(), 1e-9);
        assertWithin(Duration.ofMillis(2), w.p50().orElseThrow());
        assertWithin(Duration.ofMillis(100), w.p99().orElseThrow());
    }

    @Test
    void forgetsWhatIsOlderThanAMinute() {
        stats.record(false, 1000);
        now.addAndGet(Duration.ofSeconds(30).toNanos());
        stats.record(true, 1000);
        assertEquals(2, stats.lastMinute().requests());
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertEquals(1, stats.lastMinute().requests());
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        BackendStats.Window empty = stats.lastMinute();
        assertEquals(0, empty.requests());
        assertTrue(empty.p50().isEmpty());
        // a slot reused a minute later starts from zero
        stats.record(false, 1000);
        assertEquals(1, stats.lastMinute().requests());
    }

    @Test
    void bucketsCoverEveryLatencyWithTheirUpperBound() {
        for (long micros : new long[] {0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 1000, 123_456, 60_000_000}) {
            int bucket = BackendStats.bucket(micros);
            assertTrue(BackendStats.upperBound(bucket) >= micros, micros + " above its bucket");
            assertTrue(bucket == 0 || BackendStats.upperBound(bucket - 1) < micros, micros + " below its bucket");
        }
    }

    @Test
    void countsConsecutiveConnectFailures() {
        assertEquals(1, stats.connectFailed());
        assertEquals(2, stats.connectFailed());
        stats.connectSucceeded();
        assertEquals(1, stats.connectFailed());
    }

    private static void assertWithin(Duration expected, Duration actual) {
        double ratio = actual.toNanos() / (double) expected.toNanos();
        assertTrue(ratio >= 1 && ratio <= 1.25, "expected about " + expected + " but was " + actual);
    }
}
