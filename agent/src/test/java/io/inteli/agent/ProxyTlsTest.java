package io.inteli.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real TLS handshakes against a server with a self-signed certificate, as the proxy has by default. */
class ProxyTlsTest {
    private static TestCertificates.ServerIdentity proxy;
    private static X509Certificate otherCertificate;

    private HandshakeServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        proxy = TestCertificates.selfSignedServer("CN=proxy");
        otherCertificate = TestCertificates.selfSigned(TestCertificates.keyPair(), "CN=impostor");
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new HandshakeServer(proxy);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
    }

    @Test
    void trustsTheProxyWhosePinMatchesInTheLoggedForm() throws Exception {
        String logged = HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(proxy.certificate()));
        handshake(settings(Map.of("inteli.agent.tls.pin", logged)));
    }

    @Test
    void trustsAProxyWhosePinIsAnyOfSeveral() throws Exception {
        String other = HexFormat.of().formatHex(sha256(otherCertificate));
        String right = HexFormat.of().formatHex(sha256(proxy.certificate()));
        handshake(settings(Map.of("inteli.agent.tls.pin", other + "," + right)));
    }

    @Test
    void refusesAProxyWhoseCertificateDoesNotMatchThePin() throws Exception {
        String pin = HexFormat.of().formatHex(sha256(otherCertificate));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> handshake(settings(Map.of("inteli.agent.tls.pin", pin))));
        assertTrue(String.valueOf(e.getMessage()).contains("does not match inteli.agent.tls.pin")
                || String.valueOf(e.getCause()).contains("does not match inteli.agent.tls.pin"), e.toString());
    }

    @Test
    void trustsTheProxyInTheConfiguredTruststore() throws Exception {
        Path truststore = truststore(proxy.certificate());
        handshake(settings(Map.of("inteli.agent.tls.truststore", truststore.toString(),
                "inteli.agent.tls.truststore-password", "secret")));
    }

    @Test
    void refusesAProxyMissingFromTheConfiguredTruststore() throws Exception {
        Path truststore = truststore(otherCertificate);
        assertThrows(SSLHandshakeException.class, () -> handshake(settings(Map.of(
                "inteli.agent.tls.truststore", truststore.toString(),
                "inteli.agent.tls.truststore-password", "secret"))));
    }

    @Test
    void aTruststoreThatCannotBeOpenedIsAnInvalidSettingNamingTheKey() throws Exception {
        Path truststore = truststore(proxy.certificate());
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> ProxyTls.context(settings(
                Map.of("inteli.agent.tls.truststore", truststore.toString(),
                        "inteli.agent.tls.truststore-password", "wrong"))));
        assertTrue(e.getMessage().startsWith("inteli.agent.tls.truststore: "), e.getMessage());
    }

    @Test
    void refusesASelfSignedProxyWhenNothingIsConfigured() {
        assertThrows(SSLHandshakeException.class, () -> handshake(settings(Map.of())));
    }

    private AgentSettings settings(Map<String, String> tls) {
        Map<String, String> config = new HashMap<>(tls);
        config.put("inteli.agent.proxies", "wss://127.0.0.1:" + server.port() + "/registry");
        config.put("inteli.secret", "inteli-test-secret-0123456789abcdef");
        config.put("inteli.agent.url", "http://127.0.0.1:8081");
        return AgentSettings.read(key -> Optional.ofNullable(config.get(key)));
    }

    private void handshake(AgentSettings settings) throws IOException {
        SSLContext context = ProxyTls.context(settings);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.port())) {
            socket.startHandshake();
        }
    }

    private Path truststore(X509Certificate trusted) throws Exception {
        return TestCertificates.truststore(dir.resolve("truststore.p12"), trusted);
    }

    private static byte[] sha256(X509Certificate certificate) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    }
}
