package io.inteli.proxy.dashboard;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.BackendState;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.testsupport.TestTls;
import io.inteli.proxy.testsupport.RemovesBackendsAfterEach;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/dashboard")
@AddConfig(key = "inteli.admin.token", value = DashboardServiceTest.TOKEN)
@RemovesBackendsAfterEach
class DashboardServiceTest {
    static final String TOKEN = "dashboard-admin-token-0123456789abcdef";

    @Inject
    ServerCdiExtension server;
    @Inject
    BackendRegistry registry;
    @Inject
    LiveStream live;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(TestTls.trustAll()).build();

    @Test
    void showsTheLoginFormWithoutASession() throws Exception {
        HttpResponse<String> page = send(request("/dashboard").GET(), null);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<form method=\"post\" action=\"/dashboard/login\""), page.body());
        assertTrue(page.headers().firstValue("set-cookie").isEmpty());
    }

    @Test
    void tokenInTheUrlSetsTheCookieAndRedirectsToDropIt() throws Exception {
        HttpResponse<String> response = send(request("/dashboard?token=" + TOKEN).GET(), null);

        assertEquals(303, response.statusCode());
        assertEquals("/dashboard", response.headers().firstValue("location").orElseThrow());
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(setCookie.startsWith(DashboardAccess.COOKIE + "="), setCookie);
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("Secure")
                           && setCookie.contains("SameSite=Strict"), setCookie);
        assertFalse(setCookie.contains(TOKEN), "the cookie holds a session, not the token");

        HttpResponse<String> page = send(request("/dashboard").GET(), cookieOf(response));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"backends\""), page.body());
    }

    @Test
    void wrongTokenInTheUrlIsRefused() throws Exception {
        HttpResponse<String> response = send(request("/dashboard?token=wrong").GET(), null);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("set-cookie").isEmpty());
        assertTrue(response.body().contains("not the admin token"));
    }

    @Test
    void loginFormSetsTheCookie() throws Exception {
        HttpResponse<String> response = send(request("/dashboard/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN)), null);

        assertEquals(303, response.statusCode());
        assertEquals(200, send(request("/dashboard/snapshot").GET(), cookieOf(response)).statusCode());
    }

    @Test
    void loginFormRefusesAWrongToken() throws Exception {
        HttpResponse<String> response = send(request("/dashboard/login")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=nope")), null);

        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("set-cookie").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/dashboard/snapshot", "/dashboard/events"})
    void dataNeedsASession(String path) throws Exception {
        assertEquals(401, send(request(path).GET(), null).statusCode());
        assertEquals(401, send(request(path).GET(), DashboardAccess.COOKIE + "=1." + "0".repeat(64)).statusCode());
    }

    @Test
    void actionsNeedASession() throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));

        assertEquals(401, send(request("/dashboard/api/backends/orders-1/disable")
                                       .POST(HttpRequest.BodyPublishers.noBody()), null).statusCode());
        assertEquals(401, send(request("/dashboard/api/backends/orders-1/weight")
                                       .PUT(HttpRequest.BodyPublishers.ofString("{\"weight\":5}")), null).statusCode());
        assertEquals(BackendState.ACTIVE, registry.find("orders-1").orElseThrow().state());
        assertEquals(1, registry.find("orders-1").orElseThrow().weight());
    }

    @Test
    void snapshotShowsEveryBackendWithItsFigures() throws Exception {
        Backend backend = registry.register("orders-1", URI.create("http://127.0.0.1:8081/api"), 3,
                                            List.of("/orders", "/carts"));
        backend.load().lastPingRttNanos(2_500_000);
        backend.load().acquire();
        backend.load().tunnelOpened();
        for (int i = 0; i < 99; i++) {
            backend.load().stats().record(false, 1_000_000);
        }
        backend.load().stats().record(true, 900_000_000);

        JsonObject snapshot = json(send(request("/dashboard/snapshot").GET(), session()).body());

        JsonObject b = snapshot.getJsonArray("backends").getJsonObject(0);
        assertEquals("orders-1", b.getString("id"));
        assertEquals("http://127.0.0.1:8081/api", b.getString("url"));
        assertEquals(List.of("/orders", "/carts"), b.getJsonArray("routes").getValuesAs(
                jakarta.json.JsonString::getString));
        assertEquals("ACTIVE", b.getString("state"));
        assertEquals(3, b.getInt("weight"));
        assertEquals(1, b.getInt("inFlight"));
        assertEquals(1, b.getInt("tunnels"));
        assertEquals(2.5, b.getJsonNumber("lastPingRttMs").doubleValue(), 0.001);
        assertTrue(b.containsKey("registeredAt") && b.containsKey("uptimeSeconds"));
        assertEquals(100, b.getInt("requests"));
        assertEquals(100 / 60.0, b.getJsonNumber("requestsPerSecond").doubleValue(), 1e-9);
        assertEquals(0.01, b.getJsonNumber("errorRate").doubleValue(), 1e-9);
        // log-linear buckets: within about 20 % of the recorded latency
        assertEquals(1.0, b.getJsonNumber("p50Ms").doubleValue(), 0.25);
        assertEquals(1.0, b.getJsonNumber("p99Ms").doubleValue(), 0.25);
        assertEquals(1, snapshot.getJsonObject("totals").getInt("backends"));
        assertEquals(1, snapshot.getJsonObject("totals").getInt("active"));
        assertTrue(snapshot.containsKey("history"));
        backend.load().release();
    }

    @Test
    void adminApiAndDashboardShowABackendInOneShape() throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:8081"), 2, List.of("/"));

        JsonObject onDashboard = json(send(request("/dashboard/snapshot").GET(), session()).body())
                .getJsonArray("backends").getJsonObject(0);
        HttpResponse<String> admin = client.send(request("/admin/backends").header("Authorization", "Bearer " + TOKEN)
                                                         .GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonObject inAdminApi = Json.createReader(new java.io.StringReader(admin.body())).readArray().getJsonObject(0);
        HttpResponse<String> disabled = send(request("/dashboard/api/backends/orders-1/disable")
                                                     .POST(HttpRequest.BodyPublishers.noBody()), session());

        assertEquals(inAdminApi.keySet(), onDashboard.keySet());
        assertEquals(inAdminApi.keySet(), json(disabled.body()).keySet());
        assertTrue(onDashboard.containsKey("lastPingRttMs") && !onDashboard.containsKey("pingRttMs"), onDashboard.toString());
        assertEquals(jakarta.json.JsonValue.NULL, onDashboard.get("lastPingRttMs"), "null until the first pong");
    }

    @Test
    void loginWithoutAFormIsRefused() throws Exception {
        HttpResponse<String> response = send(request("/dashboard/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + TOKEN + "\"}")), null);

        assertEquals(415, response.statusCode());
        assertTrue(response.headers().firstValue("set-cookie").isEmpty());
    }

    @Test
    void eventStreamShowsARemovedBackendGoneWithinASecond() throws Exception {
        Backend one = registry.register("one", URI.create("http://127.0.0.1:1"), 1, List.of("/"));
        registry.register("two", URI.create("http://127.0.0.1:2"), 1, List.of("/"));
        HttpResponse<InputStream> stream = client.send(request("/dashboard/events").header("Cookie", session()).GET()
                                                               .build(), HttpResponse.BodyHandlers.ofInputStream());
        // text/event-stream in UTF-8 (JAX-RS writes the parameter without the optional space)
        assertEquals("text/event-stream;charset=utf-8",
                     stream.headers().firstValue("content-type").orElseThrow().replace(" ", "").toLowerCase());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals(List.of("one", "two"), ids(nextEvent(events)));

            long removedAt = System.nanoTime();
            registry.remove(one, "test");
            JsonObject event;
            do {
                event = nextEvent(events);
            } while (ids(event).contains("one"));
            assertEquals(List.of("two"), ids(event));
            assertTrue(System.nanoTime() - removedAt < TimeUnit.SECONDS.toNanos(1), "shown gone within a second");
        }
    }

    @Test
    void eventStreamEndsWhenTheBrowserGoes() throws Exception {
        int before = live.open();
        HttpResponse<InputStream> stream = client.send(request("/dashboard/events").header("Cookie", session()).GET()
                                                               .build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        nextEvent(events);
        assertEquals(before + 1, live.open());

        events.close();

        // the next writes fail (a tick a second): the stream's thread ends and leaves the registry's listeners
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (live.open() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(before, live.open(), "the stream is over once the browser has gone");
    }

    @Test
    void disableAndEnableFromThePage() throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));
        String session = session();

        HttpResponse<String> disabled = send(request("/dashboard/api/backends/orders-1/disable")
                                                     .POST(HttpRequest.BodyPublishers.noBody()), session);
        assertEquals(200, disabled.statusCode());
        assertEquals("NOT_READY", json(disabled.body()).getString("state"));
        assertEquals(BackendState.NOT_READY, registry.find("orders-1").orElseThrow().state());

        HttpResponse<String> enabled = send(request("/dashboard/api/backends/orders-1/enable")
                                                    .POST(HttpRequest.BodyPublishers.noBody()), session);
        assertEquals(200, enabled.statusCode());
        assertEquals(BackendState.ACTIVE, registry.find("orders-1").orElseThrow().state());
    }

    @Test
    void weightFromThePage() throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));

        HttpResponse<String> response = send(request("/dashboard/api/backends/orders-1/weight")
                                                      .PUT(HttpRequest.BodyPublishers.ofString("{\"weight\":40}")),
                                              session());

        assertEquals(200, response.statusCode());
        assertEquals(40, registry.find("orders-1").orElseThrow().weight());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"weight\":0}", "{\"weight\":1001}", "{\"weight\":\"x\"}", "not json"})
    void weightOutOfRangeOrMalformedIs400(String body) throws Exception {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 7, List.of("/"));

        HttpResponse<String> response = send(request("/dashboard/api/backends/orders-1/weight")
                                                      .PUT(HttpRequest.BodyPublishers.ofString(body)), session());

        assertEquals(400, response.statusCode());
        assertTrue(json(response.body()).getString("error").contains("1000"), response.body());
        assertEquals(7, registry.find("orders-1").orElseThrow().weight());
    }

    @ParameterizedTest
    @ValueSource(strings = {"disable", "enable"})
    void unknownBackendIs404(String action) throws Exception {
        assertEquals(404, send(request("/dashboard/api/backends/nope/" + action)
                                       .POST(HttpRequest.BodyPublishers.noBody()), session()).statusCode());
        assertEquals(404, send(request("/dashboard/api/backends/nope/weight")
                                       .PUT(HttpRequest.BodyPublishers.ofString("{\"weight\":5}")), session())
                .statusCode());
    }

    @Test
    void servesItsAssetsAndNothingElse() throws Exception {
        HttpResponse<String> js = send(request("/dashboard/assets/dashboard.js").GET(), null);
        assertEquals(200, js.statusCode());
        assertTrue(js.headers().firstValue("content-type").orElseThrow().startsWith("text/javascript"));
        assertEquals(404, send(request("/dashboard/assets/login.html").GET(), null).statusCode());
        assertEquals(404, send(request("/dashboard/assets/..%2Findex.html").GET(), null).statusCode());
    }

    @Test
    void isNotOnTheDataPlane() throws Exception {
        HttpRequest onDataPlane = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                                                                            + "/dashboard?token=" + TOKEN)).build();

        HttpResponse<String> response = client.send(onDataPlane, HttpResponse.BodyHandlers.ofString());

        // whatever the data plane answers (404 alone, its no-backend status once forwarding runs), not the dashboard
        assertTrue(response.statusCode() >= 400, "status " + response.statusCode());
        assertTrue(response.headers().firstValue("set-cookie").isEmpty());
        assertFalse(response.body().contains("/dashboard/login"));
    }

    private String session() throws Exception {
        return cookieOf(send(request("/dashboard?token=" + TOKEN).GET(), null));
    }

    private static String cookieOf(HttpResponse<?> response) {
        String setCookie = response.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port("control") + path))
                .timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String cookie) throws Exception {
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject nextEvent(BufferedReader events) throws Exception {
        String line;
        while ((line = events.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return json(line.substring("data: ".length()));
            }
        }
        throw new AssertionError("the stream ended");
    }

    private static List<String> ids(JsonObject snapshot) {
        return snapshot.getJsonArray("backends").getValuesAs(JsonObject.class).stream()
                .map(b -> b.getString("id")).toList();
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new java.io.StringReader(text))) {
            return reader.readObject();
        }
    }
}
