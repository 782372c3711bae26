package io.inteli.proxy.control;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.RegistryEvent;
import io.inteli.proxy.registry.RegistryListener;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import io.inteli.testsupport.JavaProcess;
import io.inteli.testsupport.Poll;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agent whose connection ends without a close frame (killed process, dropped link) is removed at once, not at
 * the next ping: the pings here are 5 s apart, so only the container's close event can explain a removal within
 * 100 ms.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = DroppedConnectionTest.STATE_DIR)
@AddConfig(key = "inteli.secret", value = RawAgent.SECRET)
@AddConfig(key = "inteli.registry.ping-interval", value = "5s")
@AddConfig(key = "inteli.proxy.connect-timeout", value = "1s")
class DroppedConnectionTest {
    static final String STATE_DIR = "target/test-state/dropped";
    private static final long LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    @Inject
    BackendRegistry registry;
    private final Map<String, Long> removedAt = new ConcurrentHashMap<>();
    private final RegistryListener listener = (event, after) -> {
        if (event.kind() == RegistryEvent.Kind.REMOVED) {
            removedAt.put(event.backend().id(), System.nanoTime());
        }
    };

    @BeforeEach
    void listen() {
        registry.addListener(listener);
    }

    @AfterEach
    void stopListening() {
        registry.removeListener(listener);
    }

    @Test
    void removesTheBackendWithin100msWhenTheSocketClosesWithoutACloseFrame() throws Exception {
        assertRemovedWithin100ms("vanish-fin-1", false);
    }

    @Test
    void removesTheBackendWithin100msWhenTheConnectionIsReset() throws Exception {
        assertRemovedWithin100ms("vanish-rst-1", true);
    }

    private void assertRemovedWithin100ms(String id, boolean reset) throws Exception {
        RawAgent agent = RawAgent.started(ControlPlaneClient.controlPort(), id, RawAgent.start("http://127.0.0.1:9"));
        assertTrue(registry.find(id).isPresent());
        long dropped = System.nanoTime();
        agent.vanish(reset);
        Poll.until(id + " removed", Duration.ofSeconds(5), () -> removedAt.containsKey(id));
        long millis = TimeUnit.NANOSECONDS.toMillis(removedAt.get(id) - dropped);
        assertTrue(removedAt.get(id) - dropped < LIMIT_NANOS, id + " removed " + millis + " ms after the drop");
    }

    @Test
    void sendsNothingToAKilledAgentProcess100msAfterTheKillAndNoRequestFailsOnceTheRetryApplies() throws Exception {
        HttpServer survivor = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        survivor.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] body = "survivor".getBytes(StandardCharsets.UTF_8);
        survivor.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        survivor.start();
        JavaProcess process = startAgentProcess("killed-1");
        try (RawAgent survivorAgent = RawAgent.started(ControlPlaneClient.controlPort(), "survivor-1",
                RawAgent.start("http://127.0.0.1:" + survivor.getAddress().getPort()))) {
            // traffic to both backends before the kill
            record Result(long sentAt, long answeredAt, int status, String body) {
            }
            ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            URI uri = URI.create("http://127.0.0.1:" + ControlPlaneClient.dataPort() + "/load");
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                load.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> response = client.send(
                                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            results.add(new Result(sent, System.nanoTime(), response.statusCode(), response.body()));
                        } catch (Exception e) {
                            results.add(new Result(sent, System.nanoTime(), -1, e.toString()));
                        }
                    }
                }));
            }
            Poll.until("both backends answered", Duration.ofSeconds(5),
                       () -> results.stream().anyMatch(r -> r.body().equals("killed-1"))
                               && results.stream().anyMatch(r -> r.body().equals("survivor")));

            long killed = System.nanoTime();
            process.kill();
            process.awaitExit(Duration.ofSeconds(10));
            long exited = System.nanoTime();
            Poll.until("killed-1 removed", Duration.ofSeconds(5), () -> removedAt.containsKey("killed-1"));
            long removed = removedAt.get("killed-1");
            // traffic goes on for a while after the removal
            Thread.sleep(500);
            running.set(false);
            for (Thread t : load) {
                t.join(15_000);
            }

            assertTrue(removed - exited < LIMIT_NANOS, "removed " + TimeUnit.NANOSECONDS.toMillis(removed - exited)
                    + " ms after the process ended (killed " + TimeUnit.NANOSECONDS.toMillis(exited - killed)
                    + " ms before that)");
            List<Result> afterKill = results.stream().filter(r -> r.sentAt() > killed).toList();
            assertTrue(afterKill.size() > 10, "traffic after the kill: " + afterKill.size());
            // requests sent after the kill find the dead backend refusing connections: the retry takes them to
            // the survivor, so none fails (one in flight at the kill may)
            List<Result> failed = afterKill.stream().filter(r -> r.status() != 200).toList();
            assertEquals(List.of(), failed, "requests sent after the kill that failed");
            assertTrue(afterKill.stream().allMatch(r -> r.body().equals("survivor")), "only the survivor answers");
            assertTrue(registry.find("killed-1").isEmpty());
        } finally {
            process.close();
            survivor.stop(0);
        }
    }

    private static JavaProcess startAgentProcess(String agentId) throws Exception {
        JavaProcess process = JavaProcess.builder(agentId, Files.createTempDirectory("dropped-agent"))
                .mainClass(KillableAgent.class, List.of(), Map.of(), Integer.toString(ControlPlaneClient.controlPort()),
                           Path.of(STATE_DIR).toAbsolutePath().toString(), RawAgent.SECRET, agentId)
                .start();
        try {
            process.awaitLog("STARTED " + agentId, Duration.ofSeconds(60));
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
        return process;
    }
}
