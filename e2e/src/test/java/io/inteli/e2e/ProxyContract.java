package io.inteli.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.inteli.protocol.Message;
import io.inteli.testsupport.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy's black-box contract, the same test code for every runtime (a subclass names the runtime): real agents
 * register over wss:// with the HMAC handshake, trusting the control plane's certificate by its pin; traffic follows
 * the weights; a stop drains, a dropped connection removes at once; a wrong signature is refused; without a backend
 * the answer is 403; a streamed answer arrives as it is sent; the planes are apart; health and metrics answer on the
 * control plane; a request in flight when the proxy is stopped is answered in full.
 * The backends are small HTTP servers in this JVM, registered by the tests' agent client.
 */
abstract class ProxyContract {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration EVENT_PAUSE = Duration.ofMillis(1500);
    private static final Duration SLOW_ANSWER = Duration.ofMillis(2000);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    Cluster cluster;
    private final List<HttpServer> servers = new ArrayList<>();
    /** Counted down when a backend starts a slow answer. */
    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final List<TestAgent> agents = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    abstract ProxyRuntime runtime();

    @BeforeEach
    void startProxy() {
        cluster = new Cluster(dir, runtime());
        cluster.startProxy();
    }

    @AfterEach
    void stopEverything() {
        agents.forEach(TestAgent::close);
        servers.forEach(s -> s.stop(0));
        cluster.close();
    }

    @Test
    void agentsRegisterOverWssWithHmacAndTrafficFollowsTheirWeights() throws Exception {
        register("heavy", 3);
        register("light", 1);
        cluster.awaitBackends(WAIT, Map.of("heavy", "ACTIVE", "light", "ACTIVE"));
        Map<String, Integer> served = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = get("/any/path?q=1");
            assertEquals(200, response.statusCode(), response.body());
            served.merge(response.body().strip(), 1, Integer::sum);
        }
        // smooth weighted round-robin: exactly 3 to 1 over whole rounds
        assertEquals(Map.of("heavy /any/path?q=1", 150, "light /any/path?q=1", 50), served);
    }

    @Test
    void aStoppedAgentIsDrainedThenRemovedAndWithoutABackendTheAnswerIs403() throws Exception {
        TestAgent agent = register("leaving", 1);
        cluster.awaitBackends(WAIT, Map.of("leaving", "ACTIVE"));
        assertEquals(200, get("/").statusCode());
        agent.stop();
        cluster.awaitBackends(WAIT, Map.of());
        assertEquals(403, get("/").statusCode());
    }

    @Test
    void aDroppedAgentConnectionRemovesTheBackendAtOnce() throws Exception {
        TestAgent agent = register("dropped", 1);
        register("staying", 1);
        cluster.awaitBackends(WAIT, Map.of("dropped", "ACTIVE", "staying", "ACTIVE"));
        agent.close();
        // well before the ping timeout would remove it
        cluster.awaitBackends(Cluster.PING_TIMEOUT.minusMillis(500), Map.of("staying", "ACTIVE"));
    }

    @Test
    void aWrongSignatureIsRefusedWith1008AndNeverRouted() throws Exception {
        TestAgent impostor = TestAgent.connect(URI.create(cluster.registryUrl()), cluster.pinnedTls());
        agents.add(impostor);
        Message.Challenge challenge = impostor.expect(Message.Challenge.class);
        impostor.send(new Message.Auth("impostor", io.inteli.protocol.Signatures.sign(
                "not-the-proxy-secret-0123456789abcdef", challenge.nonce(), "impostor")));
        assertEquals(1008, impostor.awaitClose());
        // the runtime handed the agent's address to the registry endpoint
        cluster.proxy().awaitLog("failed authentication from 127.0.0.1 (agentId impostor)", WAIT);
        assertEquals(Map.of(), cluster.backends());
        assertEquals(403, get("/").statusCode());
    }

    @Test
    void anAgentTrustingAnotherCertificateCannotRegister() {
        // pinning works both ways: an agent pinned to another certificate never gets to send its secret
        assertThrows(Exception.class, () -> TestAgent.connect(URI.create(cluster.registryUrl()),
                io.inteli.testsupport.TestTls.trusting(ownKeystore(), "changeit")));
    }

    @Test
    void aStreamedAnswerArrivesAsItIsSent() throws Exception {
        register("streaming", 1);
        cluster.awaitBackends(WAIT, Map.of("streaming", "ACTIVE"));
        long start = System.nanoTime();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(cluster.dataPlane().resolve("/events"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"),
                response.headers().toString());
        try (InputStream body = response.body()) {
            String first = readEvent(body);
            long firstMs = (System.nanoTime() - start) / 1_000_000;
            String second = readEvent(body);
            long secondMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals("data: one", first);
            assertEquals("data: two", second);
            assertTrue(firstMs < EVENT_PAUSE.toMillis() - 300, "first event after " + firstMs + " ms");
            assertTrue(secondMs >= EVENT_PAUSE.toMillis(), "second event after " + secondMs + " ms");
        }
    }

    @Test
    void thePlanesAreApartControlPathsOnTheDataPlaneGoToTheBackendsAndTheControlPlaneForwardsNothing()
            throws Exception {
        register("backend", 1);
        cluster.awaitBackends(WAIT, Map.of("backend", "ACTIVE"));
        for (String path : List.of("/admin/backends", "/dashboard", "/registry", "/a%20b/c;x?q=%26&r=%20")) {
            HttpResponse<String> response = get(path);
            assertEquals(200, response.statusCode(), path);
            assertEquals("backend " + path, response.body().strip());
        }
        assertEquals(404, cluster.controlGet("/").statusCode());
        assertEquals(404, cluster.controlGet("/some/backend/path").statusCode());
    }

    /**
     * Dot segments (plain or percent-encoded) never carry a request from one plane to the other: on the data plane the
     * backend answers or the request is refused, never the admin API or the dashboard; on the control plane nothing
     * reaches a backend.
     */
    @Test
    void dotSegmentsInAPathDoNotCrossFromOnePlaneToTheOther() throws Exception {
        register("backend", 1);
        cluster.awaitBackends(WAIT, Map.of("backend", "ACTIVE"));
        for (String path : List.of("/../admin/backends", "/x/../../admin/backends", "/%2e%2e/admin/backends",
                                   "/.inteli-data-plane/../admin/backends", "/x/../dashboard")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(cluster.dataPlane() + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            boolean fromTheBackend = response.statusCode() == 200 && response.body().startsWith("backend ");
            boolean refused = response.statusCode() == 400 || response.statusCode() == 404;
            assertTrue(fromTheBackend || refused, path + " answered " + response.statusCode() + ": " + response.body());
        }
        for (String path : List.of("/admin/../x", "/admin/../.inteli-data-plane/x", "/dashboard/../../x",
                                   "/admin/%2e%2e/.inteli-data-plane/x", "/registry/../x")) {
            HttpResponse<String> response = cluster.controlGet(path);
            assertTrue(response.statusCode() == 400 || response.statusCode() == 404,
                       path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Test
    void healthAndMetricsAnswerOnTheControlPlane() throws Exception {
        assertEquals(503, cluster.controlGet("/health/ready").statusCode(), "ready without a backend");
        assertEquals(200, cluster.controlGet("/health/live").statusCode());
        register("measured", 1);
        cluster.awaitBackends(WAIT, Map.of("measured", "ACTIVE"));
        assertEquals(200, cluster.controlGet("/health/ready").statusCode());
        assertEquals(200, get("/").statusCode());
        HttpResponse<String> metrics = cluster.controlGet("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("inteli_proxy_requests"), metrics.body());
        assertTrue(metrics.body().contains("inteli_proxy_in_flight"), metrics.body());
    }

    @Test
    void aRequestInFlightWhenTheProxyIsStoppedIsAnsweredInFull() throws Exception {
        register("slow", 1);
        cluster.awaitBackends(WAIT, Map.of("slow", "ACTIVE"));
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(HttpRequest.newBuilder(
                cluster.dataPlane().resolve("/slow")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(slowStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the backend never got the request");
        cluster.proxy().terminate();
        HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode());
        assertEquals("slow /slow", answer.body().strip());
        cluster.proxy().awaitExit(Duration.ofSeconds(60));
    }

    /** A backend in this JVM, registered by a real agent connection with {@code weight}. */
    private TestAgent register(String id, int weight) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> answer(id, exchange));
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        servers.add(server);
        TestAgent agent = TestAgent.connect(URI.create(cluster.registryUrl()), cluster.pinnedTls());
        agents.add(agent);
        agent.authenticate(id, Cluster.SECRET);
        agent.start(new Message.Start("http://127.0.0.1:" + server.getAddress().getPort(), weight, List.of("/")));
        return agent;
    }

    private void answer(String id, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/slow")) {
                slowStarted.countDown();
                pause(SLOW_ANSWER);
            }
            if (exchange.getRequestURI().getPath().equals("/events")) {
                exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                pause(EVENT_PAUSE);
                out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                return;
            }
            byte[] body = (id + " " + exchange.getRequestURI() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next event's first line; the blank line that ends it is consumed. */
    private static String readEvent(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        String first = null;
        int c;
        while ((c = in.read()) >= 0) {
            if (c != '\n') {
                line.append((char) c);
            } else if (line.isEmpty()) {
                return first;
            } else {
                if (first == null) {
                    first = line.toString();
                }
                line.setLength(0);
            }
        }
        throw new IOException("the stream ended; read so far: " + first);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(cluster.dataPlane().resolve(path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private Path ownKeystore() throws Exception {
        Path keystore = dir.resolve("other.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=other",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-keypass", "changeit").redirectErrorStream(true).start();
        assertEquals(0, keytool.waitFor(), new String(keytool.getInputStream().readAllBytes()));
        return keystore;
    }
}
