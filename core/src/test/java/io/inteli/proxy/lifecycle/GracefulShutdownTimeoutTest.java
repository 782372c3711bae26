package io.inteli.proxy.lifecycle;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.testsupport.TestConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GracefulShutdownTimeoutTest {
    private final DataPlaneTraffic traffic = new DataPlaneTraffic();

    @Test
    void shutdownStopsWaitingAtTheTimeoutAndStillClosesTheAgents() {
        traffic.enter();
        AtomicBoolean agentsClosed = new AtomicBoolean();
        GracefulShutdown shutdown = new GracefulShutdown(Duration.ofMillis(200), traffic, () -> agentsClosed.set(true));

        long start = System.nanoTime();
        shutdown.run();
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertTrue(waited >= 200 && waited < 5000, "waited " + waited + " ms");
        assertEquals(1, traffic.inFlight());
        assertTrue(agentsClosed.get());
    }

    @Test
    void openTunnelsAreClosedWhenTheTimeoutRunsOutButNotWhenTheDataPlaneDrainedInTime() {
        AtomicBoolean tunnelsClosed = new AtomicBoolean();
        new GracefulShutdown(Duration.ofMillis(200), new DataPlaneTraffic(), () -> { },
                             () -> tunnelsClosed.set(true)).run();
        assertTrue(!tunnelsClosed.get(), "nothing in flight: nothing to cut");

        traffic.enter();
        new GracefulShutdown(Duration.ofMillis(200), traffic, () -> { }, () -> tunnelsClosed.set(true)).run();
        assertTrue(tunnelsClosed.get());
    }

    @Test
    void shutdownTimeoutDefaultsTo30s() {
        assertEquals(Duration.ofSeconds(30), GracefulShutdown.timeout(config(Map.of())));
        assertEquals(Duration.ofMillis(1500), GracefulShutdown.timeout(config(Map.of(GracefulShutdown.TIMEOUT.name(),
                                                                                       "1500ms"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "0s", "-5s", "5x"})
    void invalidShutdownTimeoutNamesTheKey(String value) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> GracefulShutdown.timeout(config(Map.of(GracefulShutdown.TIMEOUT.name(), value))));
        assertTrue(e.getMessage().startsWith("invalid configuration inteli.proxy.shutdown-timeout: "), e.getMessage());
    }

    private static ConfigValues config(Map<String, String> values) {
        return new ConfigValues(TestConfig.of(values));
    }
}
