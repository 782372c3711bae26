package io.inteli.proxy.control;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.protocol.Message;
import io.inteli.protocol.Signatures;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/pending")
@AddConfig(key = "inteli.secret", value = RawAgent.SECRET)
@AddConfig(key = "inteli.registry.max-pending", value = "2")
@AddConfig(key = "inteli.registry.auth-timeout", value = "30s")
class MaxPendingTest {

    @Test
    void refusesSocketsBeyondMaxPendingUntilOneAuthenticates() throws Exception {
        int port = ControlPlaneClient.controlPort();
        try (RawAgent first = RawAgent.connect(port); RawAgent second = RawAgent.connect(port)) {
            Message.Challenge challenge = first.expect(Message.Challenge.class);
            second.expect(Message.Challenge.class);
            try (RawAgent third = RawAgent.connect(port)) {
                assertEquals(new RawAgent.Close(AgentConnection.CLOSE_TRY_AGAIN_LATER,
                                                AgentConnections.TOO_MANY_PENDING), third.awaitClose());
            }
            // an authenticated socket is no longer pending: room for one more
            first.sendText(RawAgent.auth("pending-1", Signatures.sign(RawAgent.SECRET, challenge.nonce(), "pending-1")));
            first.expect(Message.Accepted.class);
            try (RawAgent fourth = RawAgent.connect(port)) {
                fourth.authenticate("pending-2");
            }
        }
    }
}
