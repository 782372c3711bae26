package io.inteli.testsupport;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PollTest {
    @Test
    void returnsAsSoonAsTheConditionHoldsCheckingOnTheCallersThread() {
        AtomicInteger calls = new AtomicInteger();
        Thread caller = Thread.currentThread();
        Poll.until("the third call", Duration.ofSeconds(5), () -> {
            assertSame(caller, Thread.currentThread());
            return calls.incrementAndGet() == 3;
        });
        assertEquals(3, calls.get());
    }

    @Test
    void aConditionThatNeverHoldsFailsNamingWhatWasAwaitedAfterTheTimeout() {
        long start = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class,
                                        () -> Poll.until("the impossible", Duration.ofMillis(300), () -> false));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals("not within 300 ms: the impossible", e.getMessage());
        assertTrue(tookMs >= 290, "gave up after " + tookMs + " ms");
    }

    @Test
    void anAssertionErrorInTheConditionFailsAtOnce() {
        long start = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class, () -> Poll.until("never", Duration.ofSeconds(30), () -> {
            throw new AssertionError("the process died");
        }));
        assertEquals("the process died", e.getMessage());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
    }

    @Test
    void anExceptionAnotherThreadDoesNotCatchDoesNotFailTheWait() throws InterruptedException {
        // no handler of its own: the JVM's default one hears of it (and prints it)
        Thread other = Thread.ofPlatform().unstarted(() -> {
            throw new IllegalStateException("a server thread's own failure (expected in this test's output)");
        });
        AtomicInteger calls = new AtomicInteger();
        Poll.until("the fifth call", Duration.ofSeconds(5), () -> {
            if (calls.incrementAndGet() == 2) {
                other.start();
                other.join();
            }
            return calls.get() == 5;
        });
        assertEquals(5, calls.get());
    }
}
