package io.inteli.proxy.lifecycle;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataPlaneTrafficTest {
    private final DataPlaneTraffic traffic = new DataPlaneTraffic();

    @Test
    void drainCompletesWhenTheLastRequestLeaves() {
        assertTrue(traffic.enter());
        assertTrue(traffic.enter());

        CompletableFuture<Void> drained = traffic.drain();
        traffic.exit(200);
        assertFalse(drained.isDone());
        traffic.exit(502);

        assertTrue(drained.isDone());
        assertEquals(2, traffic.requests());
        assertEquals(1, traffic.errors());
    }

    @Test
    void drainWithNothingInFlightCompletesAtOnce() {
        assertTrue(traffic.drain().isDone());
    }

    @Test
    void refusesRequestsOnceDraining() {
        traffic.drain();

        assertFalse(traffic.enter());
        assertEquals(0, traffic.inFlight());
        assertEquals(0, traffic.requests());
    }
}
