package io.inteli.proxy.registry;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mutable part of a registration, shared by every snapshot of it: the in-flight counter the data plane
 * drives and the drain waits on, and the last ping round trip.
 */
public final class BackendLoad {
    private final AtomicInteger inFlight = new AtomicInteger();
    /** WebSocket tunnels open to this backend; each also counts in {@link #inFlight()} while it is open. */
    private final AtomicInteger tunnels = new AtomicInteger();
    private volatile CompletableFuture<Void> idle;
    private volatile long lastPingRttNanos = -1;
    private final BackendStats stats = new BackendStats();

    /** Counts a request that is being sent to this backend; pair with {@link #release()}. */
    public void acquire() {
        inFlight.incrementAndGet();
    }

    public void release() {
        if (inFlight.decrementAndGet() == 0) {
            CompletableFuture<Void> waiter = idle;
            if (waiter != null) {
                waiter.complete(null);
            }
        }
    }

    public int inFlight() {
        return inFlight.get();
    }

    public void tunnelOpened() {
        tunnels.incrementAndGet();
    }

    public void tunnelClosed() {
        tunnels.decrementAndGet();
    }

    public int tunnels() {
        return tunnels.get();
    }

    /** Completes once no request is in flight (at once if none is). */
    public CompletableFuture<Void> whenIdle() {
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        idle = waiter;
        // checked after publishing the waiter, so a release racing with this call cannot be missed
        if (inFlight.get() == 0) {
            waiter.complete(null);
        }
        return waiter;
    }

    /** Requests, errors and latencies of the last minute, recorded by the data plane. */
    public BackendStats stats() {
        return stats;
    }

    public void lastPingRttNanos(long nanos) {
        lastPingRttNanos = nanos;
    }

    /** -1 until the first pong. */
    public long lastPingRttNanos() {
        return lastPingRttNanos;
    }
}
