package io.inteli.proxy.testsupport;

import java.time.Duration;

import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.registry.Backend;
import io.inteli.testsupport.Poll;
import jakarta.enterprise.inject.spi.CDI;

/** What every client-departure test checks once its client has gone (HTTP/1.1, TLS, HTTP/2 alike). */
public final class DepartureAssertions {
    /**
     * How soon a departure must end the exchange: the design aims at 250 ms (the watch looks every 50 ms); the
     * margin is for a loaded machine. Before the watch, the 60 s read timeout ended it.
     */
    public static final long SEEN_WITHIN_MS = 1500;
    public static final Duration WAIT = Duration.ofSeconds(10);

    private DepartureAssertions() {
    }

    /** How a client leaves: closes its socket, half-closes it, resets its stream... */
    @FunctionalInterface
    public interface Leaving {
        void leave() throws Exception;
    }

    /** The client leaves now; the exchange must end as {@link #assertExchangeEnded} checks, timed from this moment. */
    public static void assertLeavingEndsTheExchange(SilentBackend backend, Backend registered, Leaving leaving)
            throws Exception {
        long left = System.nanoTime();
        leaving.leave();
        assertExchangeEnded(backend, registered, left);
    }

    /**
     * The backend connection closed within {@link #SEEN_WITHIN_MS} of the client leaving ({@code leftNanos},
     * System.nanoTime()), and nothing is in flight any more, neither at the backend nor on the data plane.
     */
    public static void assertExchangeEnded(SilentBackend backend, Backend registered, long leftNanos)
            throws InterruptedException {
        backend.assertClosedSoonAfter(leftNanos, SEEN_WITHIN_MS);
        DataPlaneTraffic traffic = CDI.current().select(DataPlaneTraffic.class).get();
        Poll.until("nothing in flight", WAIT, () -> registered.load().inFlight() == 0 && traffic.inFlight() == 0);
    }
}
