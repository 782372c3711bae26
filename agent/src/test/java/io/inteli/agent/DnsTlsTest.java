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
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
    private static KeyStore serverKeys;
    private static X509Certificate serverCertificate;

    private SSLServerSocket server;
    private CompletableFuture<Void> serverSide;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name subject = new X500Name("CN=fleet");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                keys.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, FLEET), new GeneralName(GeneralName.dNSName, "*.zone.test")}));
        serverCertificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
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
                InetAddress.getByName("127.0.0.1"));
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
        assertTrue(NamedHostTrustManager.names(serverCertificate, "PROXIES.fleet.test"));
        assertTrue(NamedHostTrustManager.names(serverCertificate, "a.zone.test"));
        assertFalse(NamedHostTrustManager.names(serverCertificate, "a.b.zone.test"));
        assertFalse(NamedHostTrustManager.names(serverCertificate, "zone.test"));
        assertFalse(NamedHostTrustManager.names(serverCertificate, "fleet.test"));
        assertFalse(NamedHostTrustManager.names(serverCertificate, "127.0.0.1"));
    }

    private AgentSettings settings(Map<String, String> tls) {
        Map<String, String> config = new HashMap<>(tls);
        config.put("inteli.agent.proxies", "dns+wss://" + FLEET + ":" + server.getLocalPort() + "/registry");
        config.put("inteli.secret", "inteli-test-secret-0123456789abcdef");
        config.put("inteli.agent.url", "http://127.0.0.1:8081");
        return AgentSettings.read(key -> Optional.ofNullable(config.get(key)));
    }

    /** As the WebSocket client connects: to the address, with the JDK's host-name check on (for the address). */
    private void handshake(SSLContext context) throws IOException {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                server.getLocalPort())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
        }
    }

    private Path truststore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("proxy", serverCertificate);
        Path file = dir.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "secret".toCharArray());
        }
        return file;
    }
}
