package io.inteli.proxy.control;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.protocol.Message;
import io.inteli.protocol.Signatures;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code max-pending} protects memory without refusing anyone: past it, the socket that has waited longest to
 * authenticate is closed (1013), and the new one is served.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/pending")
@AddConfig(key = "inteli.secret", value = RawAgent.SECRET)
@AddConfig(key = "inteli.registry.max-pending", value = "2")
@AddConfig(key = "inteli.registry.auth-timeout", value = "30s")
class PendingCapTest {

    @Test
    void closesTheOldestUnauthenticatedSocketPastTheCapAndServesTheNewOne() throws Exception {
        int port = ControlPlaneClient.controlPort();
        try (RawAgent first = RawAgent.connect(port); RawAgent second = RawAgent.connect(port)) {
            first.expect(Message.Challenge.class);
            Message.Challenge secondChallenge = second.expect(Message.Challenge.class);
            try (RawAgent third = RawAgent.connect(port)) {
                assertEquals(new RawAgent.Close(AgentProtocol.CLOSE_TRY_AGAIN_LATER, ControlPlane.TOO_MANY_PENDING),
                             first.awaitClose());
                third.authenticate("pending-3");
                // authenticated sockets do not count: the second is still waiting, with room for one more
                try (RawAgent fourth = RawAgent.connect(port)) {
                    fourth.authenticate("pending-4");
                }
                second.sendText(RawAgent.auth("pending-2", Signatures.sign(RawAgent.SECRET, secondChallenge.nonce(),
                                                                           "pending-2")));
                second.expect(Message.Accepted.class);
            }
        }
    }
}
