package io.inteli.proxy.health;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/health")
class ReadinessTest {
    @Inject
    BackendRegistry registry;
    private final ControlPlaneClient client = new ControlPlaneClient();

    @Test
    void isReadyOnlyWhileABackendIsActiveAndAlwaysLive() throws Exception {
        int port = ControlPlaneClient.controlPort();
        assertEquals(503, client.get(port, "/health/ready", null).statusCode());
        assertEquals(200, client.get(port, "/health/live", null).statusCode());

        Backend backend = registry.register("ready-1", URI.create("http://127.0.0.1:9"), 1, List.of("/"));
        HttpResponse<String> ready = client.get(port, "/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());

        registry.setReady(backend, false, "test");
        assertEquals(503, client.get(port, "/health/ready", null).statusCode(), "a NOT_READY backend is not enough");
        registry.remove(backend, "test over");
        assertEquals(503, client.get(port, "/health/ready", null).statusCode());
    }

    @Test
    void isNotServedOnTheDataPlane() throws Exception {
        // the data plane gives every path to the backends: with none registered, its no-backend answer (403)
        assertEquals(403, client.getPlain(ControlPlaneClient.dataPort(), "/health/ready").statusCode());
        assertEquals(403, client.getPlain(ControlPlaneClient.dataPort(), "/metrics").statusCode());
        assertEquals(403, client.getPlain(ControlPlaneClient.dataPort(), "/registry").statusCode());
    }
}
