package io.inteli.agent;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import io.inteli.testsupport.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resolution and diffing of a {@code dns+wss://} fleet, with a scripted resolver and recording registrations. */
class DnsFleetTest {
    private static final Duration REFRESH = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final AtomicReference<Object> answer = new AtomicReference<>(List.of());
    private final Map<InetAddress, Recording> made = new ConcurrentHashMap<>();
    private final List<String> resolvedNames = new CopyOnWriteArrayList<>();
    private final DnsName name = new DnsName(URI.create("dns+wss://proxies.fleet.test:9443/registry"));
    private final DnsFleet fleet = new DnsFleet(name, host -> {
        resolvedNames.add(host);
        Object now = answer.get();
        if (now instanceof UnknownHostException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        List<InetAddress> addresses = (List<InetAddress>) now;
        return addresses;
    }, REFRESH, Duration.ofSeconds(2), scheduler, address -> {
        Recording recording = new Recording();
        made.put(address, recording);
        return recording;
    });

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void registersWithEveryAddressOfTheName() throws Exception {
        answer.set(List.of(ip("127.0.0.2"), ip("127.0.0.3")));
        fleet.begin();
        await(() -> made.size() == 2 && made.values().stream().allMatch(r -> r.begun));
        assertEquals(List.of(ip("127.0.0.2"), ip("127.0.0.3")), fleet.addresses());
        assertEquals("proxies.fleet.test", resolvedNames.get(0));
    }

    @Test
    void aNewAddressIsRegisteredWithAtTheNextRefreshAndAGoneOneIsStoppedThenClosed() throws Exception {
        answer.set(List.of(ip("127.0.0.2"), ip("127.0.0.3")));
        fleet.begin();
        await(() -> made.size() == 2);
        answer.set(List.of(ip("127.0.0.3"), ip("127.0.0.4")));
        await(() -> made.containsKey(ip4()) && made.get(ip4()).begun);
        Recording gone = made.get(ip("127.0.0.2"));
        await(() -> gone.stopped);
        assertFalse(gone.abandoned, "waits for the drain first");
        gone.drained.complete(null);
        await(() -> gone.abandoned);
        assertFalse(made.get(ip("127.0.0.3")).stopped, "an address still there is left alone");
        assertEquals(List.of(ip("127.0.0.3"), ip("127.0.0.4")), fleet.addresses());
    }

    @Test
    void aGoneAddressThatNeverAnswersStoppedIsClosedAfterTheDrainTimeout() throws Exception {
        answer.set(List.of(ip("127.0.0.2")));
        fleet.begin();
        await(() -> made.size() == 1);
        answer.set(List.of());
        Recording gone = made.get(ip("127.0.0.2"));
        await(() -> gone.stopped);
        long stoppedAt = System.nanoTime();
        await(() -> gone.abandoned);
        assertTrue(System.nanoTime() - stoppedAt >= TimeUnit.MILLISECONDS.toNanos(1500), "closed before the timeout");
    }

    @Test
    void aFailedLookupKeepsTheRegistrations() throws Exception {
        answer.set(List.of(ip("127.0.0.2")));
        fleet.begin();
        await(() -> made.size() == 1);
        answer.set(new UnknownHostException("proxies.fleet.test"));
        int lookups = resolvedNames.size();
        await(() -> resolvedNames.size() >= lookups + 3);
        assertFalse(made.get(ip("127.0.0.2")).stopped);
        assertEquals(List.of(ip("127.0.0.2")), fleet.addresses());
    }

    @Test
    void stopDeregistersFromEveryAddressAndResolvesNoMore() throws Exception {
        answer.set(List.of(ip("127.0.0.2"), ip("127.0.0.3")));
        fleet.begin();
        await(() -> made.size() == 2);
        CompletableFuture<Void> all = fleet.stop();
        assertTrue(made.values().stream().allMatch(r -> r.stopped));
        assertFalse(all.isDone());
        made.values().forEach(r -> r.drained.complete(null));
        assertTrue(all.isDone());
        answer.set(List.of(ip("127.0.0.4")));
        int lookups = resolvedNames.size();
        Thread.sleep(REFRESH.multipliedBy(3).toMillis());
        assertTrue(resolvedNames.size() <= lookups + 1, "resolved after stop");
        assertFalse(made.containsKey(ip4()));
    }

    @Test
    void aProxyAddedWhileTheBackendIsNotReadyHearsSoAtOnce() throws Exception {
        answer.set(List.of(ip("127.0.0.2")));
        fleet.begin();
        await(() -> made.size() == 1);
        fleet.readinessChanged(false);
        assertEquals(List.of(false), made.get(ip("127.0.0.2")).readiness);
        answer.set(List.of(ip("127.0.0.2"), ip("127.0.0.4")));
        await(() -> made.containsKey(ip4()));
        assertEquals(List.of(false), made.get(ip4()).readiness);
    }

    private static InetAddress ip4() throws Exception {
        return ip("127.0.0.4");
    }

    private static void await(Callable<Boolean> condition) {
        Poll.until("the fleet to follow the name", WAIT, condition);
    }

    private static final class Recording implements Registration {
        final CompletableFuture<Void> drained = new CompletableFuture<>();
        final List<Boolean> readiness = new CopyOnWriteArrayList<>();
        volatile boolean begun;
        volatile boolean stopped;
        volatile boolean abandoned;

        @Override
        public void begin() {
            begun = true;
        }

        @Override
        public void readinessChanged(boolean ready) {
            readiness.add(ready);
        }

        @Override
        public CompletableFuture<Void> stop() {
            stopped = true;
            return drained;
        }

        @Override
        public void abandon() {
            abandoned = true;
        }
    }
}
