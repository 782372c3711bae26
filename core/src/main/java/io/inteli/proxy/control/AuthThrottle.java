package io.inteli.proxy.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed authentications per peer address, turned into a wait before that address's next challenge: 100 ms after
 * the first failure, doubling with each further one, at most {@code max}. Nothing is ever refused: a correct
 * signature is accepted however many failures came before it, so one misconfigured agent behind a shared address
 * (NAT, a node's SNAT) only slows its neighbours down a little, and a guesser gets one try per delay per socket.
 * A success, or ten minutes without a failure, forgets an address.
 */
final class AuthThrottle {
    static final long FIRST_DELAY_NANOS = Duration.ofMillis(100).toNanos();
    static final long FORGET_AFTER_NANOS = Duration.ofMinutes(10).toNanos();
    // an attacker with many addresses must not make this map grow without bound
    private static final int MAX_TRACKED = 10_000;

    private final long maxNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> byAddress = new ConcurrentHashMap<>();

    private record Entry(int failures, long lastFailure) {
    }

    AuthThrottle(Duration max, LongSupplier nanoTime) {
        this.maxNanos = max.toNanos();
        this.nanoTime = nanoTime;
    }

    /** How long a new socket from this address waits for its challenge. */
    long delayNanos(String address) {
        Entry entry = byAddress.get(address);
        if (entry == null || nanoTime.getAsLong() - entry.lastFailure() > FORGET_AFTER_NANOS) {
            return 0;
        }
        // 100 ms * 2^(failures - 1), without overflowing for large counts
        int doublings = Math.min(entry.failures() - 1, 30);
        return Math.min(maxNanos, FIRST_DELAY_NANOS << doublings);
    }

    /** Counts a failure; returns the failures of this address in a row. */
    int failed(String address) {
        long now = nanoTime.getAsLong();
        if (byAddress.size() >= MAX_TRACKED) {
            byAddress.values().removeIf(e -> now - e.lastFailure() > FORGET_AFTER_NANOS);
            if (byAddress.size() >= MAX_TRACKED) {
                // still full of recent failures: forget them all rather than grow (delays only, nothing is refused)
                byAddress.clear();
            }
        }
        return byAddress.compute(address, (a, old) -> new Entry(
                old == null || now - old.lastFailure() > FORGET_AFTER_NANOS ? 1 : old.failures() + 1, now)).failures();
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }
}
