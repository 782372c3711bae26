package io.inteli.proxy.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.tls.KeyMaterial;
import io.inteli.proxy.tls.TlsTestSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The packaged proxy with HTTPS on: the generated certificate, its logged fingerprint, h2 by ALPN; a bad keystore. */
class HttpsHttp2ProcessIT {

    @Test
    void httpsWithoutAKeystoreServesTheGeneratedCertificateWhoseFingerprintIsLoggedAndSpeaksH2() throws Exception {
        try (ProxyProcess proxy = ProxyProcess.start(List.of("-Xmx128m"),
                                                     List.of("inteli.control.tls.enabled=false",
                                                             "inteli.proxy.tls.enabled=true")).awaitListening()) {
            String fingerprint = KeyMaterial.read(proxy.stateDir.resolve("data-plane-keystore.p12"),
                                                  "inteli-data-plane-keystore".toCharArray()).fingerprint();
            assertTrue(proxy.log().contains("data plane HTTPS: certificate (self-signed, "
                                                    + proxy.stateDir.resolve("data-plane-keystore.p12")
                                                    + ") SHA-256 fingerprint: " + fingerprint), proxy.log());
            assertEquals(fingerprint, TlsTestSupport.presentedFingerprint(proxy.dataPort));
            // no backend registered: the proxy's own 403, over HTTP/2
            Process curl = new ProcessBuilder("curl", "-sS", "-k", "--http2", "--max-time", "20", "-o", "/dev/null",
                                              "-w", "%{http_version} %{http_code}",
                                              "https://127.0.0.1:" + proxy.dataPort + "/").start();
            String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
            assertEquals("2 403", out, new String(curl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aMissingKeystoreStopsStartUpNamingTheKey() throws Exception {
        try (ProxyProcess proxy = ProxyProcess.start(List.of("-Xmx96m"),
                                                     List.of("inteli.control.tls.enabled=false",
                                                             "inteli.proxy.tls.enabled=true",
                                                             "inteli.proxy.tls.keystore=/nonexistent/site.p12"))) {
            assertNotEquals(0, proxy.awaitExit(Duration.ofSeconds(60)));
            // the one line of a start-up failure: the cause, then the key to set
            assertTrue(proxy.log().contains("inteli-proxy: cannot read the keystore /nonexistent/site.p12 (no such "
                                            + "file: /nonexistent/site.p12): set inteli.proxy.tls.keystore"),
                       proxy.log());
        }
    }
}
