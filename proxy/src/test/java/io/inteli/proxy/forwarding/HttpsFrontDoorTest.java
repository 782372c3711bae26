package io.inteli.proxy.forwarding;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.testsupport.Poll;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import io.inteli.proxy.tls.TlsTestSupport;
import io.inteli.testsupport.TestTls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS toward clients with an operator's keystore (alias and password of its own), replaced on disk while the
 * proxy runs. The keystore is written before the container starts (the extension below runs first).
 */
@ExtendWith(HttpsFrontDoorTest.OperatorKeystore.class)
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = HttpsFrontDoorTest.STATE_DIR)
@AddConfig(key = "inteli.proxy.tls.enabled", value = "true")
@AddConfig(key = "inteli.proxy.tls.keystore", value = HttpsFrontDoorTest.KEYSTORE)
@AddConfig(key = "inteli.proxy.tls.keystore-password", value = HttpsFrontDoorTest.PASSWORD)
@AddConfig(key = "inteli.proxy.tls.check-interval", value = "100ms")
class HttpsFrontDoorTest extends FrontDoorContractSupport {
    static final String STATE_DIR = "target/test-state/https-front-door";
    static final String KEYSTORE = "target/test-state/https-front-door-operator/site.p12";
    static final String PASSWORD = "operator-s3cret";
    private static volatile String firstFingerprint;

    static final class OperatorKeystore implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            firstFingerprint = TlsTestSupport.writeKeystore(Path.of(KEYSTORE), "www.example.com", PASSWORD);
        }
    }

    private HttpResponse<String> https(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port() + path))
                                   .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anHttpsRequestIsForwardedAndTheBackendIsToldTheClientUsedHttps() throws Exception {
        register(backend("a"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestTls.trusting(Path.of(KEYSTORE), PASSWORD)).build();
        HttpResponse<String> r = https(client, "/secure?x=1");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(List.of("https"), echoed(r.body()).get("x-forwarded-proto"));
        assertTrue(echoed(r.body()).get("forwarded").getFirst().contains("proto=https"), r.body());
        assertEquals("/secure?x=1", r.headers().firstValue("X-Echo-Target").orElse(""));
    }

    @Test
    void plainHttpOnTheHttpsPortGetsNoAnswer() throws Exception {
        register(backend("a"));
        // Helidon answers a plain request on a TLS socket by closing it: never forwarded
        assertThrows(java.io.IOException.class, () -> get("/plain"));
    }

    @Test
    void aReplacedKeystoreIsServedInTheNextHandshakeWithoutARestart() throws Exception {
        Path keystore = Path.of(KEYSTORE);
        Poll.until("the operator's certificate is served", Duration.ofSeconds(10),
                    () -> fingerprint().equals(currentFingerprint()));
        String before = fingerprint();

        String replaced = TlsTestSupport.writeKeystore(keystore, "renewed", PASSWORD);
        currentFingerprint = replaced;
        assertNotEquals(before, replaced);
        Poll.until("the new certificate is served", Duration.ofSeconds(10), () -> fingerprint().equals(replaced));

        // the renewed certificate also works for a real request
        register(backend("a"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestTls.trusting(keystore, PASSWORD)).build();
        assertEquals(200, https(client, "/after-renewal").statusCode());
    }

    @Test
    void aBrokenReplacementKeepsTheCurrentCertificateUntilAGoodOneArrives() throws Exception {
        Path keystore = Path.of(KEYSTORE);
        String good = currentFingerprint();
        Poll.until("the current certificate is served", Duration.ofSeconds(10), () -> fingerprint().equals(good));
        Files.write(keystore, "half a keystore".getBytes(StandardCharsets.US_ASCII));
        // ten check intervals
        Thread.sleep(1000);
        assertEquals(good, fingerprint());
        String wrongPassword = TlsTestSupport.writeKeystore(keystore, "wrong", "not-the-password");
        Thread.sleep(1000);
        assertEquals(good, fingerprint(), "a keystore the configured password does not open is not used");

        String fixed = TlsTestSupport.writeKeystore(keystore, "fixed", PASSWORD);
        currentFingerprint = fixed;
        assertNotEquals(wrongPassword, fixed);
        Poll.until("the repaired keystore is served", Duration.ofSeconds(10), () -> fingerprint().equals(fixed));
    }

    @Test
    void theControlSocketStillAnswers() throws Exception {
        HttpResponse<String> health = new ControlPlaneClient().getPlain(ControlPlaneClient.controlPort(), "/health/live");
        assertEquals(200, health.statusCode(), health.body());
    }

    private static volatile String currentFingerprint;

    private static String currentFingerprint() {
        return currentFingerprint == null ? firstFingerprint : currentFingerprint;
    }

    private String fingerprint() {
        try {
            return TlsTestSupport.presentedFingerprint(port());
        } catch (Exception e) {
            return "handshake failed: " + e;
        }
    }
}
