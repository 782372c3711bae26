package io.inteli.agent;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    @Test
    void growsExponentiallyWithJitterUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2));
        long step = Backoff.FIRST.toMillis();
        for (int i = 0; i < 10; i++) {
            long delay = backoff.nextDelay().toMillis();
            long expected = Math.min(step, 2000);
            assertTrue(delay >= expected / 2 && delay <= expected, "attempt " + i + ": " + delay + " ms");
            step *= 2;
        }
    }

    @Test
    void startsOverAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10));
        for (int i = 0; i < 6; i++) {
            backoff.nextDelay();
        }
        backoff.reset();
        assertTrue(backoff.nextDelay().compareTo(Backoff.FIRST) <= 0);
    }
}
