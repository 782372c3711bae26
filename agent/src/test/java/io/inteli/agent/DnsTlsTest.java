package io.inteli.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS to a proxy of a {@code dns+wss://} fleet: the connection goes to an address (here 127.0.0.1), the certificate
 * names the fleet's DNS name and is checked for that name, with the host-name check switched on as the WebSocket
 * client does.
 */
class DnsTlsTest {
    private static final String FLEET = "proxies.fleet.test";
    private static TestCertificates.ServerIdentity fleet;

    private HandshakeServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificate() throws Exception {
        fleet = TestCertificates.selfSignedServer("CN=fleet", FLEET, "*.zone.test");
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new HandshakeServer(fleet);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void trustsTheProxyAtAnAddressWhenItsCertificateNamesTheFleet() throws Exception {
        handshake(ProxyTls.context(settings(Map.of("inteli.agent.tls.truststore", truststore().toString(),
                "inteli.agent.tls.truststore-password", "secret")), FLEET));
    }

    @Test
    void refusesTheProxyWhenItsCertificateNamesAnotherHost() throws Exception {
        SSLContext context = ProxyTls.context(settings(Map.of("inteli.agent.tls.truststore",
                truststore().toString(), "inteli.agent.tls.truststore-password", "secret")), "other.fleet.test");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> handshake(context));
        assertTrue(String.valueOf(e.getCause()).contains("does not name other.fleet.test"), e.toString());
    }

    @Test
    void refusesAnUntrustedCertificateEvenIfItNamesTheFleet() {
        assertThrows(SSLHandshakeException.class, () -> handshake(ProxyTls.context(settings(Map.of()), FLEET)));
    }

    @Test
    void enginesAnnounceTheFleetNameBySni() throws Exception {
        SSLContext context = ProxyTls.context(settings(Map.of("inteli.agent.tls.truststore",
                truststore().toString(), "inteli.agent.tls.truststore-password", "secret")), FLEET);
        assertEquals(List.of(new SNIHostName(FLEET)), context.createSSLEngine("127.0.0.2", 9443).getSSLParameters()
                .getServerNames());
    }

    @Test
    void namesMatchExactlyOrByAWildcardForOneWholeLabel() throws Exception {
        assertTrue(NamedHostTrustManager.names(fleet.certificate(), "PROXIES.fleet.test"));
        assertTrue(NamedHostTrustManager.names(fleet.certificate(), "a.zone.test"));
        assertFalse(NamedHostTrustManager.names(fleet.certificate(), "a.b.zone.test"));
        assertFalse(NamedHostTrustManager.names(fleet.certificate(), "zone.test"));
        assertFalse(NamedHostTrustManager.names(fleet.certificate(), "fleet.test"));
        assertFalse(NamedHostTrustManager.names(fleet.certificate(), "127.0.0.1"));
    }

    private AgentSettings settings(Map<String, String> tls) {
        Map<String, String> config = new HashMap<>(tls);
        config.put("inteli.agent.proxies", "dns+wss://" + FLEET + ":" + server.port() + "/registry");
        config.put("inteli.secret", "inteli-test-secret-0123456789abcdef");
        config.put("inteli.agent.url", "http://127.0.0.1:8081");
        return AgentSettings.read(key -> Optional.ofNullable(config.get(key)));
    }

    /** As the WebSocket client connects: to the address, with the JDK's host-name check on (for the address). */
    private void handshake(SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
        }
    }

    private Path truststore() throws Exception {
        return TestCertificates.truststore(dir.resolve("truststore.p12"), fleet.certificate());
    }
}
