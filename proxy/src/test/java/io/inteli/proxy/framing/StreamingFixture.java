package io.inteli.proxy.framing;

import java.time.Duration;
import java.util.List;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.testsupport.RemovesBackendsAfterEach;
import io.inteli.testsupport.Poll;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the streaming tests over HTTP/1.1 ({@link StreamingContract}) and HTTP/2 share: the proxy, the checks. */
@RemovesBackendsAfterEach
abstract class StreamingFixture {
    @Inject
    BackendRegistry registry;
    @Inject
    ServerCdiExtension server;
    @Inject
    DataPlaneTraffic traffic;

    void awaitNothingInFlight(String what) {
        Poll.until(what, Duration.ofSeconds(3), () -> traffic.inFlight() == 0);
    }

    /**
     * Held back, every event would wait for the next one (100 ms) or the end; on a loaded machine one stall can make
     * two consecutive events late, never most of them.
     */
    static void assertEventsOnTime(List<Long> delaysMillis) {
        long late = delaysMillis.stream().filter(d -> d > 50).count();
        assertTrue(late <= 2, "delays in ms: " + delaysMillis);
    }
}
