package io.inteli.proxy.it;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.inteli.testsupport.Poll;
import io.inteli.testsupport.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM to the packaged proxy (started by the launcher) while a request is in flight: the request completes,
 * a new one is refused, the agent's socket is closed with 1001, and only then does Helidon stop its server.
 */
class GracefulShutdownIT {
    private static final String SECRET = "shutdown-it-agent-secret-0123456789abcdef";
    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer backend;
    private ProxyProcess proxy;
    private TestAgent agent;

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        Teardown.close(agent, proxy, Teardown.stopping(backend));
    }

    @Test
    void requestInFlightAtSigtermCompletes() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", exchange -> {
            // only /slow waits: a probe sent before the proxy got SIGTERM is answered at once
            if (!exchange.getRequestURI().getPath().equals("/slow")) {
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
                return;
            }
            arrived.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "finished after SIGTERM".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // a thread per exchange: the JDK server's single dispatcher thread would let /slow hold up every probe
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.start();
        proxy = ProxyProcess.startWithLauncher(List.of("inteli.secret=" + SECRET, "inteli.proxy.shutdown-timeout=20s"))
                .awaitListening();
        agent = TestAgent.register(proxy.controlPort, proxy.stateDir, SECRET, "slow-1",
                                   URI.create("http://127.0.0.1:" + backend.getAddress().getPort()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.dataPort + "/slow"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(arrived.await(10, TimeUnit.SECONDS), "the request reached the backend");

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return proxy.terminate(Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpClient fresh = HttpClient.newHttpClient();
        HttpRequest another = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.dataPort + "/new"))
                .timeout(Duration.ofSeconds(10)).build();
        Poll.until("new requests are refused", Duration.ofSeconds(10), () -> {
            try {
                return fresh.send(another, HttpResponse.BodyHandlers.discarding()).statusCode() == 503;
            } catch (Exception e) {
                throw new AssertionError("the proxy must answer while it drains", e);
            }
        });
        assertTrue(!exit.isDone(), "the proxy waits for the request in flight");
        assertTrue(!agent.closed(), "agents stay connected while requests are in flight");

        release.countDown();
        HttpResponse<String> finished = inFlight.get(20, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode());
        assertEquals("finished after SIGTERM", finished.body());
        assertEquals(1001, agent.awaitClose());
        int code = exit.get(60, TimeUnit.SECONDS);
        assertTrue(code == 0 || code == 143, "exit code " + code);

        String log = log();
        assertTrue(log.contains("data plane drained"), log);
        assertTrue(log.indexOf("data plane drained") < log.indexOf("agent sockets closed with 1001"), log);
        assertTrue(log.indexOf("agent sockets closed with 1001") < log.indexOf("Server stopped"), log);
    }

    private String log() {
        try {
            return proxy.log();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
