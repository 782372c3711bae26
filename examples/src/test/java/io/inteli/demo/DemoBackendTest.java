package io.inteli.demo;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's own endpoints, in-process, with the agent idle (no proxy configured). */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
class DemoBackendTest {
    @Inject
    WebTarget target;

    @Test
    void answersWithItsNameBeforeAnyRegistration() {
        assertEquals("hello from an unregistered backend\n", target.path("/").request().get(String.class));
    }

    @Test
    void slowAnswersAfterTheGivenTime() {
        long start = System.nanoTime();
        String body = target.path("/slow").queryParam("ms", 150).request().get(String.class);
        assertEquals("slow hello from an unregistered backend after 150 ms\n", body);
        assertTrue((System.nanoTime() - start) / 1_000_000 >= 150);
    }

    @Test
    void readinessSwitchDrivesTheReadinessCheck() {
        target.path("/ready/false").request().post(Entity.text(""), String.class);
        assertEquals(503, target.path("/health/ready").request().get().getStatus());
        target.path("/ready/true").request().post(Entity.text(""), String.class);
        assertEquals(200, target.path("/health/ready").request().get().getStatus());
    }
}
