package io.inteli.agent;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter, so that backends that lost the same proxy do not all reconnect in
 * the same instant.
 */
final class Backoff {
    static final Duration FIRST = Duration.ofMillis(250);
    private final Duration max;
    private Duration next = FIRST;

    Backoff(Duration max) {
        this.max = max;
    }

    /** The delay before the next attempt: between half and all of the current step; the step then doubles. */
    Duration nextDelay() {
        Duration step = next.compareTo(max) > 0 ? max : next;
        next = step.multipliedBy(2);
        long half = Math.max(1, step.toMillis() / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    void reset() {
        next = FIRST;
    }
}
