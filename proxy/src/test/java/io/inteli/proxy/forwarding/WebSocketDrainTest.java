package io.inteli.proxy.forwarding;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import io.inteli.testsupport.TestAgent;
import io.inteli.testsupport.TestTls;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real agent's {@code stop} with a WebSocket tunnel open: the admin API shows the tunnel in flight, the drain waits
 * for it (the tunnel keeps working meanwhile) up to the drain timeout, then the tunnel is closed and the agent told
 * {@code stopped}.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.state-dir", value = WebSocketDrainTest.STATE_DIR)
@AddConfig(key = "inteli.admin.token", value = WebSocketDrainTest.TOKEN)
@AddConfig(key = "inteli.secret", value = WebSocketDrainTest.SECRET)
@AddConfig(key = "inteli.registry.drain-timeout", value = "1500ms")
class WebSocketDrainTest {
    static final String STATE_DIR = "target/test-state/ws-drain";
    static final String TOKEN = "ws-drain-token-0123456789abcdef";
    static final String SECRET = "ws-drain-secret-0123456789abcdef";

    @Inject
    BackendRegistry registry;

    @Test
    void aDrainWaitsForAnOpenTunnelThenClosesItAtTheDrainTimeout() throws Exception {
        try (WebSocketBackend backend = new WebSocketBackend("chat");
             TestAgent agent = TestAgent.register(ControlPlaneClient.controlPort(), Path.of(STATE_DIR), SECRET,
                                                  "chat-1", backend.url())) {
            WebSocketTunnelTest.Client c = new WebSocketTunnelTest.Client();
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + ControlPlaneClient.dataPort() + "/"), c)
                    .get(10, TimeUnit.SECONDS);
            c.ws.sendText("hello", true);
            assertEquals("hello", c.next());

            JsonObject shown = adminBackend();
            assertEquals(1, shown.getInt("tunnels"), shown.toString());
            assertEquals(1, shown.getInt("inFlight"), shown.toString());

            long start = System.nanoTime();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    agent.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500);
            assertFalse(stopped.isDone(), "the drain waits for the open tunnel");
            c.ws.sendText("still served while draining", true);
            assertEquals("still served while draining", c.next());

            c.ended.get(10, TimeUnit.SECONDS);
            long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(closedAfter >= 1400 && closedAfter < 8000, "closed " + closedAfter + " ms into the drain");
            stopped.get(10, TimeUnit.SECONDS);
            assertTrue(registry.find("chat-1").isEmpty());
        }
    }

    private static JsonObject adminBackend() throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(TestTls.trustAll()).build()
                .send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + ControlPlaneClient.controlPort()
                                                                + "/admin/backends"))
                              .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(),
                      HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            var value = reader.readValue();
            JsonObject first = value.getValueType() == jakarta.json.JsonValue.ValueType.ARRAY
                    ? value.asJsonArray().getJsonObject(0)
                    : value.asJsonObject().getJsonArray("backends").getJsonObject(0);
            return first;
        }
    }
}
