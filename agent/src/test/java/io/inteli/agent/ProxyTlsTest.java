package io.inteli.agent;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real TLS handshakes against a server with a self-signed certificate, as the proxy has by default. */
class ProxyTlsTest {
    private static KeyStore serverKeys;
    private static X509Certificate serverCertificate;
    private static X509Certificate otherCertificate;

    private SSLServerSocket server;
    private CompletableFuture<Void> serverSide;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificates() throws Exception {
        KeyPair keys = keyPair();
        serverCertificate = selfSigned(keys, "CN=proxy");
        otherCertificate = selfSigned(keyPair(), "CN=impostor");
        serverKeys = KeyStore.getInstance("PKCS12");
        serverKeys.load(null, null);
        serverKeys.setKeyEntry("proxy", keys.getPrivate(), "pw".toCharArray(), new Certificate[] {serverCertificate});
    }

    @BeforeEach
    void startServer() throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(serverKeys, "pw".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress());
        serverSide = CompletableFuture.runAsync(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                } catch (IOException ignored) {
                    // a refused handshake is what some tests expect
                }
            }
        });
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
        serverSide.join();
    }

    @Test
    void trustsTheProxyWhosePinMatchesInTheLoggedForm() throws Exception {
        String logged = HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256(serverCertificate));
        handshake(settings(Map.of("inteli.agent.tls.pin", logged)));
    }

    @Test
    void trustsAProxyWhosePinIsAnyOfSeveral() throws Exception {
        String other = HexFormat.of().formatHex(sha256(otherCertificate));
        String right = HexFormat.of().formatHex(sha256(serverCertificate));
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
        Path truststore = truststore(serverCertificate);
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
        Path truststore = truststore(serverCertificate);
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
        config.put("inteli.agent.proxies", "wss://127.0.0.1:" + server.getLocalPort() + "/registry");
        config.put("inteli.secret", "inteli-test-secret-0123456789abcdef");
        config.put("inteli.agent.url", "http://127.0.0.1:8081");
        return AgentSettings.read(key -> Optional.ofNullable(config.get(key)));
    }

    private void handshake(AgentSettings settings) throws IOException {
        SSLContext context = ProxyTls.context(settings);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.getLocalPort())) {
            socket.startHandshake();
        }
    }

    private Path truststore(X509Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("proxy", trusted);
        Path file = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }
        return file;
    }

    private static byte[] sha256(X509Certificate certificate) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair keys, String name) throws Exception {
        X500Name subject = new X500Name(name);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                keys.getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }
}
