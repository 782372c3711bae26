package io.inteli.proxy.health;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/health")
@AddConfig(key = "inteli.health.ready-without-backends", value = "true")
class ReadyWithoutBackendsTest {
    @Test
    void isReadyWithoutBackendsWhenConfiguredSo() throws Exception {
        assertEquals(200, new ControlPlaneClient().get(ControlPlaneClient.controlPort(), "/health/ready", null)
                .statusCode());
    }
}
