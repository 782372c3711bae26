package io.inteli.proxy.forwarding;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.inteli.proxy.Digests;
import org.junit.jupiter.api.Test;

import static io.inteli.proxy.forwarding.Http2Support.curl;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * h2c by prior knowledge on the plain data-plane port, as every front door must translate it to HTTP/1.1: the
 * authority becomes Host, request bodies arrive whole with and without a length, a body over the limit gets its 413
 * on its stream. Each concrete class names its door and its own cases.
 */
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.proxy.max-body-size", value = "64k")
abstract class Http2CleartextContract extends FrontDoorContractSupport {

    @Test
    void curlWithPriorKnowledgeIsAnsweredOverHttp2AndTheAuthorityBecomesHost() throws Exception {
        register(backend("a"));
        Path body = Files.createTempFile("h2c", ".out");
        String written = curl("--http2-prior-knowledge", "-o", body.toString(), "-w", "%{http_version} %{http_code}",
                              "http://127.0.0.1:" + port() + "/h2c/p%20q?x=1&y");
        assertEquals("2 200", written);
        String echo = Files.readString(body);
        assertEquals(List.of("127.0.0.1:" + port()), echoed(echo).get("host"), echo);
        assertEquals(List.of("http"), echoed(echo).get("x-forwarded-proto"), echo);
        assertEquals(List.of("127.0.0.1:" + port()), echoed(echo).get("x-forwarded-host"), echo);
    }

    @Test
    void requestBodiesReachTheBackendWholeWithAndWithoutContentLength() throws Exception {
        register(backend("a"));
        Path upload = Files.createTempFile("h2c", ".in");
        byte[] bytes = new byte[50_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 7);
        }
        Files.write(upload, bytes);
        String expected = Digests.sha256(new java.io.ByteArrayInputStream(bytes));
        String url = "http://127.0.0.1:" + port() + "/upload";
        // --data-binary @file: with content-length
        assertEquals(expected, curl("--http2-prior-knowledge", "-H", "X-Reply-Digest: 1", "--data-binary",
                                    "@" + upload, url));
        // -T from standard input: no content-length, DATA frames only
        assertEquals(expected, curlFromStdin(upload, url));
    }

    private static String curlFromStdin(Path upload, String url) throws Exception {
        Process p = new ProcessBuilder("curl", "-sS", "--max-time", "20", "--http2-prior-knowledge",
                                       "-H", "X-Reply-Digest: 1", "-X", "POST", "-T", "-", url)
                .redirectInput(upload.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes()));
        return out;
    }

    @Test
    void aBodyOverTheLimitGets413OnItsStream() throws Exception {
        register(backend("a"));
        Path big = Files.createTempFile("h2c", ".big");
        Files.write(big, new byte[100_000]);
        // one URL: curl 7.88.1 cannot reuse a prior-knowledge connection (curl issue #10634); the connection kept
        // after a 413 is shown over TLS (Http2TlsTest)
        assertEquals("2 413", curl("--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                                   "--data-binary", "@" + big, "http://127.0.0.1:" + port() + "/too-large"));
    }
}
