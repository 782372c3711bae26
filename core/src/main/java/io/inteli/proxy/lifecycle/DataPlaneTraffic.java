package io.inteli.proxy.lifecycle;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Singleton;

/**
 * Every request on the data plane, whichever front door serves it: what the graceful shutdown waits on, and the
 * proxy's totals on the dashboard. Lock-free on the request path.
 */
// a singleton on the request path, added by startup.DataPlaneWiring (see there why)
@Singleton
public class DataPlaneTraffic {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;

    /** Counts a request in; false once the proxy drains, and then nothing is counted. */
    public boolean enter() {
        // incremented before the flag is read, and the flag is set before the count is read in drain():
        // a request either sees the flag or is seen by the drain
        inFlight.incrementAndGet();
        if (draining) {
            leave();
            return false;
        }
        requests.increment();
        return true;
    }

    /** Counts a request out; a status of 500 or more (the proxy's own 502/504 included) is an error. */
    public void exit(int status) {
        if (status >= 500) {
            errors.increment();
        }
        leave();
    }

    /** From now on new requests are refused; completes once the last request in flight is done. */
    CompletableFuture<Void> drain() {
        draining = true;
        if (inFlight.get() == 0) {
            drained.complete(null);
        }
        return drained;
    }

    public boolean draining() {
        return draining;
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** Requests counted since start. */
    public long requests() {
        return requests.sum();
    }

    /** Requests answered with 5xx since start. */
    public long errors() {
        return errors.sum();
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0 && draining) {
            drained.complete(null);
        }
    }
}
