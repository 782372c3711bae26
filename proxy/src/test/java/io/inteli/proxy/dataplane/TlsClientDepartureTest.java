package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.net.ssl.SSLSocket;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.testsupport.TestTls;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import io.inteli.proxy.testsupport.RemovesBackendsAfterEach;
import io.inteli.proxy.testsupport.SilentBackend;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.inteli.proxy.testsupport.DepartureAssertions.assertLeavingEndsTheExchange;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same over HTTPS: the watcher reads the client through Helidon's TLS socket (decrypted bytes) while the
 * connection's thread writes through it; a TLS client leaving a silent exchange ends it, and one that sends its next
 * request during a slow answer loses nothing.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.proxy.tls.enabled", value = "true")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/tls-client-departure")
@RemovesBackendsAfterEach
class TlsClientDepartureTest {
    @Inject
    BackendRegistry registry;

    @Test
    void aTlsClientLeavingWhileTheBackendIsSilentEndsTheExchange() throws Exception {
        try (SilentBackend backend = new SilentBackend(); SSLSocket client = client()) {
            Backend registered = ClientDepartureContract.sendAndAwaitAtBackend(registry, backend, "tls-silent", client,
                    "GET /silent HTTP/1.1\r\nHost: h\r\n\r\n");
            assertLeavingEndsTheExchange(backend, registered, client::close);
        }
    }

    @Test
    void aTlsRequestSentWhileTheBackendIsSlowIsAnsweredInOrder() throws Exception {
        try (SilentBackend backend = new SilentBackend(); SSLSocket client = client()) {
            ClientDepartureContract.sendAndAwaitAtBackend(registry, backend, "tls-slow", client,
                    "GET /slow/800/first HTTP/1.1\r\nHost: h\r\n\r\n");
            // past the watch's start (100 ms and a 50 ms tick), well before the answer: the watcher's read takes it
            Thread.sleep(400);
            ClientDepartureContract.send(client, "GET /slow/10/second HTTP/1.1\r\nHost: h\r\n\r\n");
            InputStream in = client.getInputStream();
            assertEquals("first", ClientDepartureContract.bodyOf(in));
            assertEquals("second", ClientDepartureContract.bodyOf(in));
        }
    }

    private static SSLSocket client() throws IOException {
        SSLSocket s = (SSLSocket) TestTls.trustAll().getSocketFactory()
                .createSocket("127.0.0.1", ControlPlaneClient.dataPort());
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }
}
