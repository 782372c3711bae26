package io.inteli.proxy.admin;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import io.inteli.proxy.testsupport.RemovesBackendsAfterEach;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/admin")
@AddConfig(key = "inteli.admin.token", value = AdminApiTest.TOKEN)
@RemovesBackendsAfterEach
class AdminApiTest {
    static final String TOKEN = "admin-token-for-tests-0123456789";

    @Inject
    BackendRegistry registry;
    private final ControlPlaneClient client = new ControlPlaneClient();

    @Test
    void refusesARequestWithoutAToken() throws Exception {
        assertUnauthorized(client.get(ControlPlaneClient.controlPort(), "/admin/backends", null));
    }

    @Test
    void refusesAWrongTokenAndAnotherScheme() throws Exception {
        int port = ControlPlaneClient.controlPort();
        assertUnauthorized(client.get(port, "/admin/backends", "Bearer " + TOKEN + "x"));
        assertUnauthorized(client.get(port, "/admin/backends", "Bearer " + TOKEN.substring(1)));
        assertUnauthorized(client.get(port, "/admin/backends", "Basic " + TOKEN));
        assertUnauthorized(client.get(port, "/admin/backends", "Bearer"));
    }

    @Test
    void listsEveryBackendWithItsStateLoadAndRoundTrip() throws Exception {
        Instant before = Instant.now();
        Backend orders = registry.register("orders-1", URI.create("http://10.0.0.5:8081/base"), 3, List.of("/orders", "/"));
        Backend users = registry.register("users-1", URI.create("https://10.0.0.6:8443"), 1, List.of("/users"));
        registry.setReady(users, false, "test");
        orders.load().acquire();
        orders.load().lastPingRttNanos(1_234_567);

        HttpResponse<String> response = client.get(ControlPlaneClient.controlPort(), "/admin/backends", "Bearer " + TOKEN);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonArray array = Json.createReader(new StringReader(response.body())).readArray();
        assertEquals(2, array.size());

        JsonObject first = array.getJsonObject(0);
        assertEquals("orders-1", first.getString("id"));
        assertEquals("http://10.0.0.5:8081/base", first.getString("url"));
        assertEquals(3, first.getInt("weight"));
        assertEquals(List.of("/orders", "/"), first.getJsonArray("routes").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("ACTIVE", first.getString("state"));
        assertEquals(1, first.getInt("inFlight"));
        assertTrue(!Instant.parse(first.getString("registeredAt")).isBefore(before.minusSeconds(1)));
        assertEquals(1.235, first.getJsonNumber("lastPingRttMs").doubleValue(), 1e-9);

        JsonObject second = array.getJsonObject(1);
        assertEquals("users-1", second.getString("id"));
        assertEquals("NOT_READY", second.getString("state"));
        assertEquals(0, second.getInt("inFlight"));
        assertEquals(JsonValue.ValueType.NULL, second.get("lastPingRttMs").getValueType(), "no pong yet");
        orders.load().release();
    }

    @Test
    void answersAnEmptyArrayWithoutBackends() throws Exception {
        HttpResponse<String> response = client.get(ControlPlaneClient.controlPort(), "/admin/backends", "bearer " + TOKEN);
        assertEquals(200, response.statusCode());
        assertEquals("[]", response.body());
    }

    @Test
    void isNotServedOnTheDataPlane() throws Exception {
        HttpResponse<String> response = client.getPlain(ControlPlaneClient.dataPort(), "/admin/backends");
        // the data plane gives the path to the backends: with none registered, its no-backend answer (403)
        assertEquals(403, response.statusCode(), response.body());
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("a valid admin bearer token is required",
                     Json.createReader(new StringReader(response.body())).readObject().getString("error"));
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
                   response.headers().toString());
    }
}
