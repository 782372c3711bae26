package io.inteli.proxy.health;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One count of the requests in flight: the metric and the readiness check read the same counter. */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/in-flight")
class InFlightCountTest {
    private static final Pattern GAUGE = Pattern.compile("(?m)^inteli_proxy_in_flight(?:\\{[^}]*})? (\\S+)$");

    @Inject
    DataPlaneTraffic traffic;
    private final ControlPlaneClient client = new ControlPlaneClient();

    @Test
    void metricAndReadinessShowTheDataPlanesCount() throws Exception {
        assertTrue(traffic.enter());
        assertTrue(traffic.enter());
        try {
            assertEquals(2, inFlightMetric());
            assertEquals(2, inFlightOfReadiness());
        } finally {
            traffic.exit(200);
            traffic.exit(200);
        }
        assertEquals(0, inFlightMetric());
        assertEquals(0, inFlightOfReadiness());
    }

    private double inFlightMetric() throws Exception {
        HttpResponse<String> metrics = client.get(ControlPlaneClient.controlPort(), "/metrics", null);
        Matcher m = GAUGE.matcher(metrics.body());
        assertTrue(m.find(), metrics.body());
        return Double.parseDouble(m.group(1));
    }

    private int inFlightOfReadiness() throws Exception {
        HttpResponse<String> ready = client.get(ControlPlaneClient.controlPort(), "/health/ready", null);
        JsonObject health = Json.createReader(new StringReader(ready.body())).readObject();
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("backends"))
                .findFirst().orElseThrow().getJsonObject("data").getInt("inFlight");
    }
}
