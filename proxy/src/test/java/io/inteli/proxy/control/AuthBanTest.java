package io.inteli.proxy.control;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.protocol.Message;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/ban")
@AddConfig(key = "inteli.secret", value = RawAgent.SECRET)
@AddConfig(key = "inteli.registry.ban-after", value = "3")
@AddConfig(key = "inteli.registry.ban-for", value = "1m")
class AuthBanTest {
    @Inject
    AgentConnections connections;

    @Test
    void refusesAnAddressForAWhileAfterRepeatedFailedAuthentications() throws Exception {
        int port = ControlPlaneClient.controlPort();
        failOnce(port);
        failOnce(port);
        // a success forgets the failures before it
        try (RawAgent agent = RawAgent.connect(port)) {
            agent.authenticate("ban-ok-1");
        }
        failOnce(port);
        failOnce(port);
        failOnce(port);
        // banned now: even the right secret is refused, before any challenge
        try (RawAgent agent = RawAgent.connect(port)) {
            assertEquals(new RawAgent.Close(1008, AgentConnections.BANNED), agent.awaitClose());
        }
        assertEquals(5, connections.failedAuthentications(), "every failure is counted");
        String live = new ControlPlaneClient().get(port, "/health/live", null).body();
        assertTrue(live.contains("\"failedAuthentications\":5"), live);
    }

    private static void failOnce(int port) throws Exception {
        try (RawAgent agent = RawAgent.connect(port)) {
            agent.expect(Message.Challenge.class);
            agent.sendText(RawAgent.auth("ban-1", "ab".repeat(32)));
            assertEquals(new RawAgent.Close(1008, "authentication failed"), agent.awaitClose());
        }
    }
}
