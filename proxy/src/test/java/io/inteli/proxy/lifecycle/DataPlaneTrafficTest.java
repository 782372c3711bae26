package io.inteli.proxy.lifecycle;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.inject.spi.DeploymentException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void shutdownStopsWaitingAtTheTimeout() {
        traffic.enter();
        GracefulShutdown shutdown = new GracefulShutdown("200ms", traffic);

        long start = System.nanoTime();
        shutdown.run();
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertTrue(waited >= 200 && waited < 5000, "waited " + waited + " ms");
        assertEquals(1, traffic.inFlight());
    }

    @Test
    void invalidShutdownTimeoutNamesTheKey() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> new GracefulShutdown("soon", traffic));
        assertTrue(e.getMessage().startsWith("inteli.proxy.shutdown-timeout: "), e.getMessage());
        assertThrows(DeploymentException.class, () -> new GracefulShutdown("0s", traffic));
    }
}
