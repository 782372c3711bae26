package io.inteli.proxy.admin;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.BackendState;
import io.inteli.testsupport.Poll;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import io.inteli.testsupport.TestAgent;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.testsupport.TestTls;

import com.sun.net.httpserver.HttpServer;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API's actions over real TLS, with the bearer token; drain with a real agent connection.
 */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.state-dir", value = AdminActionsApiTest.STATE_DIR)
@AddConfig(key = "inteli.admin.token", value = AdminActionsApiTest.TOKEN)
@AddConfig(key = "inteli.secret", value = AdminActionsApiTest.SECRET)
class AdminActionsApiTest {
    static final String STATE_DIR = "target/test-state/admin-actions";
    static final String TOKEN = "admin-actions-token-0123456789abcdef";
    static final String SECRET = "admin-actions-secret-0123456789abcdef";

    @Inject
    BackendRegistry registry;
    private final HttpClient client = HttpClient.newBuilder().sslContext(TestTls.trustAll()).build();

    @AfterEach
    void removeAll() {
        registry.snapshot().all().forEach(b -> registry.remove(b, "test over"));
    }

    @Test
    void disableTakesItOutOfRotationAndEnableBringsItBack() throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));

        HttpResponse<String> disabled = send("POST", "/admin/backends/orders-1/disable", null, TOKEN);
        assertEquals(200, disabled.statusCode(), disabled.body());
        assertEquals("NOT_READY", json(disabled.body()).getString("state"));
        assertTrue(json(disabled.body()).getBoolean("disabled"));
        assertTrue(registry.snapshot().routable().isEmpty());

        HttpResponse<String> enabled = send("POST", "/admin/backends/orders-1/enable", null, TOKEN);
        assertEquals(200, enabled.statusCode(), enabled.body());
        assertEquals(BackendState.ACTIVE, registry.find("orders-1").orElseThrow().state());
    }

    @Test
    void anActionIsLoggedWithTheClientsAddressTheRuntimeHandsOver() throws Exception {
        // the core's resources get the address from a request property the Helidon runtime sets (ClientPeer)
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(new SimpleFormatter().formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(AdminActions.class.getName());
        log.addHandler(capture);
        try {
            assertEquals(200, send("POST", "/admin/backends/orders-1/disable", null, TOKEN).statusCode());
        } finally {
            log.removeHandler(capture);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("admin /127.0.0.1:")), "logged: " + lines);
    }

    @Test
    void weightChangesTheWeight() throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));

        HttpResponse<String> response = send("PUT", "/admin/backends/orders-1/weight", "{\"weight\":1000}", TOKEN);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1000, json(response.body()).getInt("weight"));
        assertEquals(1000, registry.find("orders-1").orElseThrow().weight());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"weight\":0}", "{\"weight\":1001}", "{\"weight\":-3}", "{\"weight\":\"7\"}", "{}", ""})
    void weightOutOfRangeOrMalformedIs400AndChangesNothing(String body) throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 4, List.of("/"));

        HttpResponse<String> response = send("PUT", "/admin/backends/orders-1/weight", body, TOKEN);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(json(response.body()).getString("error").contains("1"), response.body());
        assertEquals(4, registry.find("orders-1").orElseThrow().weight());
    }

    @ParameterizedTest
    @ValueSource(strings = {"drain", "disable", "enable"})
    void unknownIdIs404(String action) throws Exception {
        assertEquals(404, send("POST", "/admin/backends/nope/" + action, null, TOKEN).statusCode());
    }

    @Test
    void anotherActionOrMethodChangesNothing() throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));

        assertEquals(404, send("POST", "/admin/backends/orders-1/remove", null, TOKEN).statusCode());
        assertEquals(405, send("GET", "/admin/backends/orders-1/disable", null, TOKEN).statusCode());
        assertEquals(405, send("POST", "/admin/backends/orders-1/weight", "{\"weight\":5}", TOKEN).statusCode());
        assertEquals(BackendState.ACTIVE, registry.find("orders-1").orElseThrow().state());
        assertEquals(1, registry.find("orders-1").orElseThrow().weight());
    }

    @Test
    void unknownIdIs404ForWeight() throws Exception {
        assertEquals(404, send("PUT", "/admin/backends/nope/weight", "{\"weight\":5}", TOKEN).statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"drain", "disable", "enable", "weight"})
    void everyActionNeedsTheToken(String action) throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));
        String method = action.equals("weight") ? "PUT" : "POST";
        String body = action.equals("weight") ? "{\"weight\":9}" : null;

        HttpResponse<String> none = send(method, "/admin/backends/orders-1/" + action, body, null);
        HttpResponse<String> wrong = send(method, "/admin/backends/orders-1/" + action, body, TOKEN + "x");

        assertEquals(401, none.statusCode());
        assertEquals(401, wrong.statusCode());
        assertEquals("Bearer realm=\"inteli-admin\"", wrong.headers().firstValue("WWW-Authenticate").orElse(""));
        Backend unchanged = registry.find("orders-1").orElseThrow();
        assertEquals(BackendState.ACTIVE, unchanged.state());
        assertEquals(1, unchanged.weight());
    }

    @Test
    void drainWaitsForRequestsInFlightThenTellsTheAgentAndRemovesIt() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try (TestAgent agent = TestAgent.register(ControlPlaneClient.controlPort(), Path.of(STATE_DIR), SECRET,
                                                  "orders-1", URI.create("http://127.0.0.1:"
                                                                                 + backend.getAddress().getPort()))) {
            Backend registered = registry.find("orders-1").orElseThrow();
            registered.load().acquire();

            HttpResponse<String> response = send("POST", "/admin/backends/orders-1/drain", null, TOKEN);

            assertEquals(200, response.statusCode(), response.body());
            assertEquals("DRAINING", json(response.body()).getString("state"));
            assertEquals(BackendState.DRAINING, registry.find("orders-1").orElseThrow().state());
            assertTrue(registry.snapshot().routable().isEmpty(), "no new requests while it drains");
            assertTrue(registry.find("orders-1").isPresent(), "kept while a request is in flight");

            registered.load().release();
            agent.awaitStopped();
            assertEquals(1000, agent.awaitClose());
            Poll.until("the drained backend is removed", Duration.ofSeconds(5), () -> registry.find("orders-1").isEmpty());
        } finally {
            backend.stop(0);
        }
    }

    @Test
    void drainOfABackendAlreadyDrainingAnswersItsState() throws Exception {
        Backend backend = registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));
        registry.startDraining(backend, "test");

        HttpResponse<String> response = send("POST", "/admin/backends/orders-1/drain", null, TOKEN);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("DRAINING", json(response.body()).getString("state"));
    }

    @Test
    void actionsAreNotOnTheDataPlane() throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ControlPlaneClient.dataPort()
                                                                        + "/admin/backends/orders-1/disable"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build();

        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());

        assertFalse(registry.find("orders-1").orElseThrow().disabled());
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                                                                                + ControlPlaneClient.controlPort()
                                                                                + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                             : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
