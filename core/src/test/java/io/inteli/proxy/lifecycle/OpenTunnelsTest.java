package io.inteli.proxy.lifecycle;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendLoad;
import io.inteli.testsupport.TestConfig;
import io.inteli.testsupport.Poll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenTunnelsTest {
    private static Backend backend() {
        return new Backend(1, "b", URI.create("http://127.0.0.1:1"), 1, List.of("/"), Instant.now(), true, false,
                           false, false, new BackendLoad());
    }

    @Test
    void aTunnelIsCountedOnItsBackendUntilItCloses() {
        OpenTunnels tunnels = new OpenTunnels(Duration.ofHours(1));
        Backend b = backend();
        OpenTunnels.Handle h = tunnels.open(b, "client", () -> { });
        assertEquals(1, b.load().tunnels());
        assertEquals(1, tunnels.count());
        h.close();
        h.close();
        assertEquals(0, b.load().tunnels());
        assertEquals(0, tunnels.count());
        tunnels.stop();
    }

    @Test
    void aSilentTunnelIsClosedAfterTheIdleTimeoutAndAnActiveOneIsNot() throws Exception {
        OpenTunnels tunnels = new OpenTunnels(Duration.ofMillis(300));
        CountDownLatch silentClosed = new CountDownLatch(1);
        AtomicInteger activeClosed = new AtomicInteger();
        tunnels.open(backend(), "silent", silentClosed::countDown);
        OpenTunnels.Handle active = tunnels.open(backend(), "active", activeClosed::incrementAndGet);
        long start = System.nanoTime();
        Poll.until(() -> "the silent tunnel is closed", Duration.ofSeconds(5), Duration.ofMillis(20), () -> {
            active.active();
            return silentClosed.getCount() == 0;
        });
        assertTrue(silentClosed.await(0, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300));
        assertEquals(0, activeClosed.get());
        tunnels.stop();
    }

    @Test
    void closeAllClosesEveryOpenTunnel() {
        OpenTunnels tunnels = new OpenTunnels(Duration.ofHours(1));
        AtomicInteger closed = new AtomicInteger();
        tunnels.open(backend(), "a", closed::incrementAndGet);
        tunnels.open(backend(), "b", closed::incrementAndGet);
        OpenTunnels.Handle ended = tunnels.open(backend(), "c", closed::incrementAndGet);
        ended.close();
        tunnels.closeAll("test");
        assertEquals(2, closed.get());
        tunnels.stop();
    }

    @Test
    void theIdleTimeoutDefaultsToAnHour() {
        assertEquals(Duration.ofHours(1), OpenTunnels.idleTimeout(new ConfigValues(TestConfig.of(java.util.Map.of()))));
    }
}
