package io.inteli.testsupport;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The tests' one way to wait for something: Awaitility, checking the condition on the calling thread from the start
 * (no initial delay) every 10 ms until it holds or the deadline passes. A test never sleeps a fixed time to let
 * something happen; it names what it waits for, and a timeout fails with that name.
 */
public final class Poll {
    /** Often enough that a wait ends within a few ms of the condition; slow conditions pass a longer interval. */
    public static final Duration INTERVAL = Duration.ofMillis(10);

    private Poll() {
    }

    /** Waits until {@code condition} holds; an exception or error it throws fails the wait at once. */
    public static void until(String what, Duration timeout, Callable<Boolean> condition) {
        until(() -> what, timeout, INTERVAL, condition);
    }

    /** As {@link #until(String, Duration, Callable)}, with the message built only on a timeout (a process's log). */
    public static void until(Supplier<String> what, Duration timeout, Callable<Boolean> condition) {
        until(what, timeout, INTERVAL, condition);
    }

    /** With its own interval, for conditions that cost a request or a file read each time. */
    public static void until(String what, Duration timeout, Duration interval, Callable<Boolean> condition) {
        until(() -> what, timeout, interval, condition);
    }

    /** With its own interval and the message built only on a timeout. */
    public static void until(Supplier<String> what, Duration timeout, Duration interval, Callable<Boolean> condition) {
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(interval)
                    // the caller's thread: conditions may read thread-bound state (CDI, a socket's reader)
                    .pollInSameThread()
                    // as a loop would: an exception another thread does not catch (a server's, a load thread's) is
                    // that thread's business, not a failed wait
                    .dontCatchUncaughtExceptions()
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what.get());
        }
    }
}
