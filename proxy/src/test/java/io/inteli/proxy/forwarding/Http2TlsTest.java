package io.inteli.proxy.forwarding;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.Digests;
import io.inteli.proxy.tls.TlsTestSupport;
import org.junit.jupiter.api.Test;

import static io.inteli.proxy.forwarding.Http2Support.curl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * h2 by ALPN on the HTTPS data-plane port (the generated self-signed certificate, trusted by the clients as such):
 * the JDK client and curl, concurrent streams of one connection balanced one by one, 413 on one stream.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = Http2TlsTest.STATE_DIR)
@AddConfig(key = "inteli.proxy.tls.enabled", value = "true")
@AddConfig(key = "inteli.proxy.max-body-size", value = "64k")
class Http2TlsTest extends FrontDoorContractSupport {
    static final String STATE_DIR = "target/test-state/http2-tls";

    private HttpClient h2() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TlsTestSupport.trustingGenerated(Path.of(STATE_DIR)))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    private URI https(int port, String path) {
        return URI.create("https://127.0.0.1:" + port + path);
    }

    /** The generated certificate as a PEM file, for curl's --cacert. */
    private static Path generatedCertificatePem() throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(STATE_DIR, "data-plane-keystore.p12"))) {
            keyStore.load(in, "inteli-data-plane-keystore".toCharArray());
        }
        byte[] der = keyStore.getCertificate("inteli-data-plane").getEncoded();
        Path pem = Files.createTempFile("data-plane", ".pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n");
        return pem;
    }

    @Test
    void theJdkClientNegotiatesH2ByAlpnAndTheBackendHearsHttps() throws Exception {
        register(backend("a"));
        HttpResponse<String> r = h2().send(HttpRequest.newBuilder(https(port(), "/alpn?q=1"))
                                                   .timeout(Duration.ofSeconds(10)).build(),
                                           HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals("/alpn?q=1", r.headers().firstValue("X-Echo-Target").orElse(""));
        assertEquals(List.of("127.0.0.1:" + port()), echoed(r.body()).get("host"));
        assertEquals(List.of("https"), echoed(r.body()).get("x-forwarded-proto"));
        assertTrue(echoed(r.body()).get("forwarded").getFirst().contains("proto=https"), r.body());
    }

    @Test
    void curlWithHttp2OverTlsReusesTheConnectionAfterA413() throws Exception {
        register(backend("a"));
        Path big = Files.createTempFile("h2", ".big");
        Files.write(big, new byte[100_000]);
        String url = "https://127.0.0.1:" + port();
        String pem = generatedCertificatePem().toString();
        String out = curl("--http2", "--cacert", pem,
                          "-o", "/dev/null", "-w", "%{http_version} %{http_code} %{num_connects}\\n",
                          "--data-binary", "@" + big, url + "/too-large",
                          "--next", "--http2", "--cacert", pem,
                          "-o", "/dev/null", "-w", "%{http_version} %{http_code} %{num_connects}\\n", url + "/after");
        assertEquals("2 413 1\n2 200 0\n", out);
    }

    @Test
    void theJdkClientKeepsItsConnectionAfterA413OnOneStream() throws Exception {
        register(backend("a"));
        try (CountingRelay relay = new CountingRelay(port())) {
            HttpClient h2 = h2();
            HttpResponse<String> first = h2.send(HttpRequest.newBuilder(https(relay.port(), "/first")).build(),
                                                 HttpResponse.BodyHandlers.ofString());
            assertEquals(200, first.statusCode());
            HttpResponse<String> refused = h2.send(HttpRequest.newBuilder(https(relay.port(), "/too-large"))
                                                           .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000]))
                                                           .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(413, refused.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, refused.version());
            HttpResponse<String> after = h2.send(HttpRequest.newBuilder(https(relay.port(), "/after")).build(),
                                                 HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, after.version());
            assertEquals(1, relay.connections(), "all three on one connection");
        }
    }

    @Test
    void http11OverTlsKeepsWorking() throws Exception {
        register(backend("a"));
        assertEquals("1.1 200", curl("--http1.1", "--cacert", generatedCertificatePem().toString(), "-o", "/dev/null",
                                     "-w", "%{http_version} %{http_code}", "https://127.0.0.1:" + port() + "/h1"));
    }

    @Test
    void concurrentStreamsOfOneConnectionAreBalancedIndependently() throws Exception {
        TestBackend a = registered("a");
        TestBackend b = registered("b");
        try (CountingRelay relay = new CountingRelay(port())) {
            HttpClient h2 = h2();
            // one stream first, so that the others find the connection established (one connection per host)
            assertEquals(200, h2.send(HttpRequest.newBuilder(https(relay.port(), "/warm")).build(),
                                      HttpResponse.BodyHandlers.discarding()).statusCode());
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                held.add(h2.sendAsync(HttpRequest.newBuilder(https(relay.port(), "/held/" + i))
                                              .header("X-Reply-Hold", "1").timeout(Duration.ofSeconds(20)).build(),
                                      HttpResponse.BodyHandlers.ofString()));
            }
            // all twenty are at the backends at the same time: twenty streams in flight on one connection
            await("20 held requests reached the backends", () -> a.requests() + b.requests() == 21);
            assertEquals(1, relay.connections());
            assertEquals(10, Math.min(a.requests(), b.requests()), "round-robin per stream: a " + a.requests()
                    + ", b " + b.requests());
            a.release();
            b.release();
            for (CompletableFuture<HttpResponse<String>> f : held) {
                HttpResponse<String> r = f.get(20, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode());
                assertEquals(HttpClient.Version.HTTP_2, r.version());
            }
        }
    }

    @Test
    void bodiesStreamBothWaysOverH2() throws Exception {
        register(backend("a"));
        // an upload without length (DATA frames only, under the 64k limit) and a 5 MB download
        byte[] upload = new byte[60_000];
        for (int i = 0; i < upload.length; i++) {
            upload[i] = (byte) (i * 13 + 5);
        }
        HttpResponse<String> digest = h2().send(HttpRequest.newBuilder(https(port(), "/upload"))
                                                        .header("X-Reply-Digest", "1")
                                                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                                                () -> new ByteArrayInputStream(upload)))
                                                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, digest.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, digest.version());
        assertEquals(Digests.sha256(new ByteArrayInputStream(upload)), digest.body());

        HttpResponse<InputStream> download = h2().send(HttpRequest.newBuilder(https(port(), "/download"))
                                                               .header("X-Reply-Bytes", "5000000").build(),
                                                       HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, download.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, download.version());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        TestBackend.writePattern(expected, 5_000_000);
        try (InputStream in = download.body()) {
            assertEquals(Digests.sha256(new ByteArrayInputStream(expected.toByteArray())), Digests.sha256(in));
        }
    }
}
