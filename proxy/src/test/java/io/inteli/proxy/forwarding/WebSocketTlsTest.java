package io.inteli.proxy.forwarding;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.tls.TlsTestSupport;
import io.inteli.testsupport.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** wss:// through the HTTPS data plane: the tunnel runs inside the client's TLS connection. */
@ExtendWith(WebSocketTlsTest.Keystore.class)
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/ws-tls")
@AddConfig(key = "inteli.proxy.tls.enabled", value = "true")
@AddConfig(key = "inteli.proxy.tls.keystore", value = WebSocketTlsTest.KEYSTORE)
@AddConfig(key = "inteli.proxy.tls.keystore-password", value = WebSocketTlsTest.PASSWORD)
class WebSocketTlsTest extends FrontDoorContractSupport {
    static final String KEYSTORE = "target/test-state/ws-tls-operator/site.p12";
    static final String PASSWORD = "ws-tls-s3cret";

    static final class Keystore implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            TlsTestSupport.writeKeystore(Path.of(KEYSTORE), "www.example.com", PASSWORD);
        }
    }

    @Test
    void aSecureWebSocketPassesThroughTheHttpsDataPlane() throws Exception {
        try (WebSocketBackend b = new WebSocketBackend("ws")) {
            registry.register(b.name, b.url(), 1, List.of("/"));
            WebSocketTunnelTest.Client c = new WebSocketTunnelTest.Client();
            c.ws = HttpClient.newBuilder().sslContext(TestTls.trusting(Path.of(KEYSTORE), PASSWORD)).build()
                    .newWebSocketBuilder()
                    .buildAsync(URI.create("wss://localhost:" + port() + "/secure"), c).get(10, TimeUnit.SECONDS);
            byte[] bytes = new byte[300_000];
            new Random(3).nextBytes(bytes);
            c.ws.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
            assertArrayEquals(bytes, (byte[]) c.next());
            c.ws.sendText("close:4003", true);
            assertEquals(4003, c.closeCode.get(10, TimeUnit.SECONDS));
            String seen = b.heads.get(0);
            assertEquals(true, seen.contains("\r\nX-Forwarded-Proto: https\r\n"), seen);
        }
    }
}
