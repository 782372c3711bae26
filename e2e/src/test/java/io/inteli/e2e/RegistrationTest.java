package io.inteli.e2e;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.inteli.testsupport.JavaProcess;
import io.inteli.testsupport.Poll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged proxy and demo backends, each in its own JVM: how backends join, leave and come back. */
class RegistrationTest extends WithProxy {
    private static final String ACTIVE = "ACTIVE";
    private static final String NOT_READY = "NOT_READY";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

    @Test
    void threeBackendsRegisterAndShareTheLoad() throws Exception {
        List<JavaProcess> backends = List.of(cluster.startBackend("demo-1"), cluster.startBackend("demo-2"),
                cluster.startBackend("demo-3"));
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("demo-1", ACTIVE, "demo-2", ACTIVE, "demo-3", ACTIVE));
        LoadLoop load = new LoadLoop(cluster.dataPlane().resolve("/"), 4);
        try (load) {
            Poll.until(() -> "every backend to serve 20 requests: " + load.perBackend()
                    + ", failures " + load.failures(), LOAD_TIMEOUT, Cluster.POLL,
                       () -> backends.stream().allMatch(b -> load.servedBy(b.name()) >= 20));
        }
        assertEquals(List.of(), load.failures());
        for (JavaProcess backend : backends) {
            // The application saw the agent's events.
            assertTrue(backend.logged("agent event REGISTERING for " + cluster.registryUrl()), backend.tail());
            assertTrue(backend.logged("agent event REGISTERED for " + cluster.registryUrl()), backend.tail());
        }
    }

    @Test
    void backendStoppedWithSigtermUnderLoadLosesNoRequest() throws Exception {
        JavaProcess leaving = cluster.startBackend("leaving");
        JavaProcess staying = cluster.startBackend("staying");
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("leaving", ACTIVE, "staying", ACTIVE));
        LoadLoop load = new LoadLoop(cluster.dataPlane().resolve("/slow?ms=100"), 6);
        try (load) {
            Poll.until(() -> "both backends to serve: " + load.perBackend(), LOAD_TIMEOUT, Cluster.POLL,
                       () -> load.servedBy("leaving") >= 10 && load.servedBy("staying") >= 10);
            leaving.terminate();
            leaving.awaitExit(Duration.ofSeconds(45));
            long afterExit = load.servedBy("staying");
            Poll.until("more requests served after the stop", LOAD_TIMEOUT, Cluster.POLL, () ->
                    load.servedBy("staying") >= afterExit + 30);
        }
        assertEquals(List.of(), load.failures(), "failed requests while a backend stopped gracefully");
        assertTrue(leaving.logged("agent event DEREGISTERING for"), leaving.tail());
        assertTrue(leaving.logged("deregistered from " + cluster.registryUrl() + ": drained"), leaving.tail());
        assertEquals(Map.of("staying", ACTIVE), cluster.backends());
        assertTrue(staying.alive());
    }

    @Test
    void backendKilledWithSigkillIsRemovedWithinThePingTimeoutAndNoIdempotentRequestFails() throws Exception {
        JavaProcess killed = cluster.startBackend("killed");
        cluster.startBackend("survivor");
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("killed", ACTIVE, "survivor", ACTIVE));
        LoadLoop load = new LoadLoop(cluster.dataPlane().resolve("/"), 4);
        try (load) {
            Poll.until(() -> "both backends to serve: " + load.perBackend(), LOAD_TIMEOUT, Cluster.POLL,
                       () -> load.servedBy("killed") >= 10 && load.servedBy("survivor") >= 10);
            killed.kill();
            killed.awaitExit(Duration.ofSeconds(10));
            long killedAt = System.nanoTime();
            cluster.awaitBackends(Cluster.PING_TIMEOUT.plus(Cluster.PING_INTERVAL).plusSeconds(1),
                    Map.of("survivor", ACTIVE));
            long removedAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
            long afterRemoval = load.servedBy("survivor");
            Poll.until("more requests served after the removal", LOAD_TIMEOUT, Cluster.POLL, () ->
                    load.servedBy("survivor") >= afterRemoval + 30);
            assertTrue(removedAfterMs <= Cluster.PING_TIMEOUT.plus(Cluster.PING_INTERVAL).plusSeconds(1).toMillis(),
                    "removed after " + removedAfterMs + " ms");
        }
        assertEquals(List.of(), load.failures(), "failed GET requests while a backend was killed");
    }

    @Test
    void backendRegistersWithEveryProxyAndServesThroughTheOtherWhenOneStops() throws Exception {
        try (Cluster second = new Cluster(dir.resolve("second"))) {
            second.startProxy();
            cluster.startBackend("both", Map.of(
                    "inteli.agent.proxies", cluster.registryUrl() + "," + second.registryUrl(),
                    "inteli.agent.tls.pin", cluster.pin() + "," + second.pin()));
            cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("both", ACTIVE));
            second.awaitBackends(Duration.ofSeconds(10), Map.of("both", ACTIVE));
            assertEquals("both", LoadLoop.backendOf(cluster.get("/").body()));
            cluster.proxy().kill();
            assertEquals("both", LoadLoop.backendOf(second.get("/").body()));
        }
    }

    @Test
    void agentWithAWrongSecretIsNeverRoutedAndBothSidesSaySo() throws Exception {
        cluster.startBackend("honest");
        // Registered first: repeated failures from an address get it refused for a while, the honest one included.
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("honest", ACTIVE));
        JavaProcess impostor = cluster.startBackend("impostor",
                Map.of("inteli.secret", "not-the-proxy-secret-0123456789abcdef"));
        impostor.awaitLog("refused agent impostor: close 1008 \"authentication failed\"; check that inteli.secret"
                + " matches a secret of the proxy", Cluster.START_TIMEOUT);
        cluster.proxy().awaitLog("failed authentication from ", Duration.ofSeconds(5));
        assertTrue(cluster.proxy().logged("(agentId impostor)"), cluster.proxy().tail());
        for (int i = 0; i < 30; i++) {
            var response = cluster.get("/");
            assertEquals(200, response.statusCode());
            assertEquals("honest", LoadLoop.backendOf(response.body()));
        }
        assertFalse(cluster.backends().containsKey("impostor"));
        assertTrue(impostor.alive(), "a wrong secret must not stop the backend");
    }

    @Test
    void readinessDownTakesTheBackendOutOfRotationAndUpPutsItBack() throws Exception {
        JavaProcess flaky = cluster.startBackend("flaky");
        cluster.startBackend("steady");
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("flaky", ACTIVE, "steady", ACTIVE));
        assertEquals(200, cluster.send(HttpRequest.newBuilder(Cluster.direct(flaky, "/ready/false"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        cluster.awaitBackends(Duration.ofSeconds(10), Map.of("flaky", NOT_READY, "steady", ACTIVE));
        for (int i = 0; i < 20; i++) {
            assertEquals("steady", LoadLoop.backendOf(cluster.get("/").body()));
        }
        assertEquals(200, cluster.send(HttpRequest.newBuilder(Cluster.direct(flaky, "/ready/true"))
                .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        cluster.awaitBackends(Duration.ofSeconds(10), Map.of("flaky", ACTIVE, "steady", ACTIVE));
    }
}
