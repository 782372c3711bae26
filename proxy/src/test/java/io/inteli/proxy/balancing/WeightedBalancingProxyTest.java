package io.inteli.proxy.balancing;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import io.inteli.testsupport.TestAgent;
import io.inteli.testsupport.TestTls;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The default strategy honours weights end to end: two backends registered by real agents, one weight changed
 * through the admin API, requests through the data plane.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = WeightedBalancingProxyTest.STATE_DIR)
@AddConfig(key = "inteli.admin.token", value = WeightedBalancingProxyTest.TOKEN)
@AddConfig(key = "inteli.secret", value = WeightedBalancingProxyTest.SECRET)
class WeightedBalancingProxyTest {
    static final String STATE_DIR = "target/test-state/weighted-balancing";
    static final String TOKEN = "weighted-balancing-token-0123456789abcdef";
    static final String SECRET = "weighted-balancing-secret-0123456789abcdef";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .sslContext(TestTls.trustAll()).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theDefaultStrategySplitsTwoHundredRequestsFiftyToOneHundredFiftyForWeightsOneAndThree() throws Exception {
        HttpServer light = backend("light");
        HttpServer heavy = backend("heavy");
        try (TestAgent a = TestAgent.register(ControlPlaneClient.controlPort(), Path.of(STATE_DIR), SECRET, "light",
                                              url(light));
             TestAgent b = TestAgent.register(ControlPlaneClient.controlPort(), Path.of(STATE_DIR), SECRET, "heavy",
                                              url(heavy))) {
            assertEquals(Map.of("light", 100, "heavy", 100), spread(200), "both registered with weight 1");

            HttpResponse<String> changed = client.send(HttpRequest.newBuilder(URI.create(
                            "https://127.0.0.1:" + ControlPlaneClient.controlPort() + "/admin/backends/heavy/weight"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"weight\":3}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, changed.statusCode(), changed.body());

            assertEquals(Map.of("light", 50, "heavy", 150), spread(200), "weights 1 and 3 from the next request on");
        } finally {
            light.stop(0);
            heavy.stop(0);
        }
    }

    private Map<String, Integer> spread(int requests) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + ControlPlaneClient.dataPort() + "/w")).timeout(Duration.ofSeconds(10))
                                                         .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            counts.merge(r.body(), 1, Integer::sum);
        }
        return counts;
    }

    private static HttpServer backend(String name) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            try (ex) {
                ex.getRequestBody().readAllBytes();
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        return server;
    }

    private static URI url(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
