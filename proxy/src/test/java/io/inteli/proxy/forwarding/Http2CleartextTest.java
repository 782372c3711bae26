package io.inteli.proxy.forwarding;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import org.junit.jupiter.api.Test;

import static io.inteli.proxy.forwarding.Http2Support.curl;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * h2c on the native front door's plain data-plane port: prior knowledge (curl, {@link Http2CleartextContract}) and
 * Upgrade (the JDK client), HTTP/1.1 beside it.
 */
@HelidonTest
@AddConfig(key = "inteli.state-dir", value = "target/test-state/http2-cleartext")
class Http2CleartextTest extends Http2CleartextContract {

    @Test
    void anUpgradeToH2cIsDeclinedAndAnsweredOverHttp11() throws Exception {
        register(backend("a"));
        // the JDK client asks for h2c by Upgrade (with HTTP2-Settings): HTTP/2 on this port is by prior knowledge only
        HttpClient h2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> r = h2.send(HttpRequest.newBuilder(uri("/upgrade")).timeout(Duration.ofSeconds(10))
                                                 .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
        assertEquals("/upgrade", r.headers().firstValue("X-Echo-Target").orElse(""));
        assertEquals(null, echoed(r.body()).get("upgrade"), "hop-by-hop: " + r.body());
        assertEquals(null, echoed(r.body()).get("http2-settings"), "listed in Connection: " + r.body());
    }

    @Test
    void aBodyWithoutLengthOverTheLimitGets413Too() throws Exception {
        register(backend("a"));
        Path big = Files.createTempFile("h2c", ".big");
        Files.write(big, new byte[100_000]);
        Process p = new ProcessBuilder("curl", "-sS", "--max-time", "20", "--http2-prior-knowledge", "-o", "/dev/null",
                                       "-w", "%{http_code}", "-X", "POST", "-T", "-",
                                       "http://127.0.0.1:" + port() + "/streamed-too-large")
                .redirectInput(big.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        assertEquals("413", out, new String(p.getErrorStream().readAllBytes()));
    }

    @Test
    void http11KeepsWorkingOnTheSamePort() throws Exception {
        register(backend("a"));
        HttpResponse<String> r = get("/h1");
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
        assertEquals("1.1", curl("--http1.1", "-o", "/dev/null", "-w", "%{http_version}", uri("/h1").toString()));
    }

    @Test
    void theControlSocketStaysHttp11() throws Exception {
        String control = "http://127.0.0.1:" + ControlPlaneClient.controlPort() + "/health/live";
        assertEquals("1.1 200", curl("-o", "/dev/null", "-w", "%{http_version} %{http_code}", control));
        assertEquals("1.1 200", curl("--http2", "-o", "/dev/null", "-w", "%{http_version} %{http_code}", control));
        String priorKnowledge;
        try {
            priorKnowledge = curl("--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version}", control);
        } catch (AssertionError refused) {
            priorKnowledge = "refused";
        }
        assertNotEquals("2", priorKnowledge);
    }
}
