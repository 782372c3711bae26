package io.inteli.proxy.lifecycle;

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
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.testsupport.Poll;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;

import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The drain step of the shutdown on a real server: a data-plane request in flight (through the native front door's
 * connection handler to a slow backend) finishes, a new one is refused.
 * (That Helidon runs it before its own stop on SIGTERM is shown by {@code GracefulShutdownIT}, a separate JVM.)
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/graceful-shutdown")
@AddConfig(key = "inteli.proxy.shutdown-timeout", value = "10s")
class GracefulShutdownTest {
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Inject
    ServerCdiExtension server;
    @Inject
    DataPlaneTraffic traffic;
    @Inject
    GracefulShutdown shutdown;
    @Inject
    BackendRegistry registry;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void finishesTheRequestInFlightAndRefusesNewOnes() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        slow.createContext("/", ex -> {
            try {
                RELEASE.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "slow answer".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        slow.start();
        try {
            registry.register("slow", URI.create("http://127.0.0.1:" + slow.getAddress().getPort()), 1, List.of("/"));
            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(get("/slow"),
                    HttpResponse.BodyHandlers.ofString());
            Poll.until("the request is in flight", Duration.ofSeconds(5), () -> traffic.inFlight() == 1);

            CompletableFuture<Void> stopping = CompletableFuture.runAsync(shutdown::run);
            Poll.until("the proxy drains", Duration.ofSeconds(5), traffic::draining);

            HttpResponse<String> refused = client.send(get("/slow"), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode());
            assertEquals("close", refused.headers().firstValue("connection").orElse(""));
            assertFalse(stopping.isDone(), "the shutdown must wait for the request in flight");

            RELEASE.countDown();
            HttpResponse<String> finished = inFlight.get(5, TimeUnit.SECONDS);
            assertEquals(200, finished.statusCode());
            assertEquals("slow answer", finished.body());
            stopping.get(5, TimeUnit.SECONDS);
            assertEquals(0, traffic.inFlight());
        } finally {
            slow.stop(0);
        }
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build();
    }
}
