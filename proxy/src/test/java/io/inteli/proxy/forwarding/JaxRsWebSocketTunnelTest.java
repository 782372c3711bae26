package io.inteli.proxy.forwarding;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import jakarta.enterprise.inject.spi.CDI;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * WebSocket pass-through on the JAX-RS front door: every test of the native door's, passed the same way (the
 * handshake goes through the JAX-RS resource, the container on the strict codec then pumps the tunnel).
 */
@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
class JaxRsWebSocketTunnelTest extends WebSocketTunnelContract {

    @Test
    void theJaxRsFrontDoorIsTheOneServing() {
        assertFalse(CDI.current().select(JaxRsFrontDoor.class).isUnsatisfied());
    }
}
