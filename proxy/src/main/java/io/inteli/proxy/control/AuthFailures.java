package io.inteli.proxy.control;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Failed authentications per peer address. After {@code banAfter} failures in a row an address is refused for
 * {@code banFor}; a successful authentication forgets its failures.
 */
final class AuthFailures {
    // an attacker with many addresses must not make this map grow without bound
    private static final int MAX_TRACKED = 10_000;

    private final int banAfter;
    private final long banForNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> byAddress = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    private record Entry(int failures, long bannedUntil) {
    }

    AuthFailures(int banAfter, Duration banFor, LongSupplier nanoTime) {
        this.banAfter = banAfter;
        this.banForNanos = banFor.toNanos();
        this.nanoTime = nanoTime;
    }

    boolean banned(String address) {
        Entry entry = byAddress.get(address);
        return entry != null && entry.bannedUntil() != 0 && nanoTime.getAsLong() - entry.bannedUntil() < 0;
    }

    /** Counts a failure; returns the failures of this address in a row (the one that bans included). */
    int failed(String address) {
        total.incrementAndGet();
        long now = nanoTime.getAsLong();
        if (byAddress.size() >= MAX_TRACKED) {
            byAddress.values().removeIf(e -> e.bannedUntil() == 0 || now - e.bannedUntil() >= 0);
        }
        Entry entry = byAddress.compute(address, (a, old) -> {
            int failures = old == null || (old.bannedUntil() != 0 && now - old.bannedUntil() >= 0)
                    ? 1 : old.failures() + 1;
            return new Entry(failures, failures >= banAfter ? now + banForNanos : 0);
        });
        return entry.failures();
    }

    boolean justBanned(int failures) {
        return failures == banAfter;
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }

    long total() {
        return total.get();
    }
}
