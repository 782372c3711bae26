package io.inteli.proxy.forwarding;

import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The JAX-RS front door carries no tunnel: a WebSocket handshake goes to the backend as a plain GET without its
 * upgrade (Upgrade and Connection are hop-by-hop), and the backend's answer to that comes back as is.
 */
@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state")
class JaxRsWebSocketUpgradeTest extends FrontDoorContractSupport {

    @Test
    void aWebSocketHandshakeIsForwardedAsPlainHttpWithoutItsUpgrade() throws Exception {
        try (WebSocketBackend b = new WebSocketBackend("ws")) {
            registry.register(b.name, b.url(), 1, List.of("/"));
            String head = RawHttp.exchange(port(), "GET /chat HTTP/1.1\r\nHost: example.test\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n");
            // the test backend answers a request without an upgrade with 200 (a real WebSocket server: 426)
            assertEquals(200, RawHttp.status(head), head);
            assertEquals(1, b.heads.size());
            String seen = b.heads.get(0).toLowerCase();
            assertFalse(seen.contains("\r\nupgrade:"), seen);
            assertFalse(seen.contains("\r\nconnection: upgrade"), seen);
        }
    }
}
