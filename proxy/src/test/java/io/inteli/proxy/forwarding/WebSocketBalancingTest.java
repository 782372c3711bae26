package io.inteli.proxy.forwarding;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.registry.Backend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebSocket handshake is balanced like any request: least-requests counts an open tunnel as a request in flight,
 * and the sticky cookie set on the 101 brings the next handshake back to the same backend.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.lb.strategy", value = "least-requests")
@AddConfig(key = "inteli.lb.sticky-cookie", value = "SID")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
class WebSocketBalancingTest extends FrontDoorContractSupport {
    private static final String HANDSHAKE = "Host: example.test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";

    @Test
    void leastRequestsSeesOpenTunnelsAndTheStickyCookieBringsAHandshakeBack() throws Exception {
        try (WebSocketBackend a = new WebSocketBackend("a"); WebSocketBackend b = new WebSocketBackend("b")) {
            Backend ra = registry.register("a", a.url(), 1, List.of("/"));
            Backend rb = registry.register("b", b.url(), 1, List.of("/"));
            try (Socket first = handshake("")) {
                String head = RawHttp.readHead(first.getInputStream());
                assertEquals(101, RawHttp.status(head), head);
                int at = head.indexOf("Set-Cookie: SID=");
                assertTrue(at > 0, head);
                String cookie = head.substring(at + 12, head.indexOf(';', at));
                Backend open = ra.load().tunnels() == 1 ? ra : rb;
                Backend other = open == ra ? rb : ra;
                assertEquals(1, open.load().inFlight());

                // least-requests: every new tunnel goes to the backend without one...
                try (Socket second = handshake("")) {
                    assertEquals(101, RawHttp.status(RawHttp.readHead(second.getInputStream())));
                    await("the second tunnel is open", () -> other.load().tunnels() == 1);
                    assertEquals(1, open.load().tunnels());
                }
                // ...unless its sticky cookie names the first one
                try (Socket third = handshake("Cookie: " + cookie + "\r\n")) {
                    assertEquals(101, RawHttp.status(RawHttp.readHead(third.getInputStream())));
                    await("the sticky tunnel is open", () -> open.load().tunnels() == 2);
                }
            }
        }
    }

    private Socket handshake(String extra) throws Exception {
        Socket s = new Socket("127.0.0.1", port());
        s.setSoTimeout(5000);
        s.getOutputStream().write(("GET / HTTP/1.1\r\n" + HANDSHAKE + extra + "\r\n")
                                          .getBytes(StandardCharsets.ISO_8859_1));
        return s;
    }
}
