package io.inteli.proxy.forwarding;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.Digests;
import org.junit.jupiter.api.Test;

import static io.inteli.proxy.forwarding.Http2Support.curl;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** HTTP/2 on the JAX-RS front door: the same translation to HTTP/1.1 as on the native one. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/http2-jaxrs")
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
@AddConfig(key = "inteli.proxy.max-body-size", value = "64k")
class Http2JaxRsFrontDoorTest extends FrontDoorContractSupport {

    @Test
    void theAuthorityBecomesHost() throws Exception {
        register(backend("a"));
        Path body = Files.createTempFile("h2c", ".out");
        assertEquals("2 200", curl("--http2-prior-knowledge", "-o", body.toString(), "-w",
                                   "%{http_version} %{http_code}", "http://127.0.0.1:" + port() + "/jaxrs"));
        String echo = Files.readString(body);
        assertEquals(List.of("127.0.0.1:" + port()), echoed(echo).get("host"), echo);
        assertEquals(List.of("127.0.0.1:" + port()), echoed(echo).get("x-forwarded-host"), echo);
    }

    @Test
    void aBodyWithoutContentLengthIsForwarded() throws Exception {
        register(backend("a"));
        byte[] bytes = new byte[30_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 3);
        }
        Path upload = Files.createTempFile("h2c", ".in");
        Files.write(upload, bytes);
        Process p = new ProcessBuilder("curl", "-sS", "--max-time", "20", "--http2-prior-knowledge",
                                       "-H", "X-Reply-Digest: 1", "-X", "POST", "-T", "-",
                                       "http://127.0.0.1:" + port() + "/upload")
                .redirectInput(upload.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), new String(p.getErrorStream().readAllBytes()));
        assertEquals(Digests.sha256(new ByteArrayInputStream(bytes)), out);
    }

    @Test
    void aBodyOverTheLimitGets413OnItsStream() throws Exception {
        register(backend("a"));
        Path big = Files.createTempFile("h2c", ".big");
        Files.write(big, new byte[100_000]);
        assertEquals("2 413", curl("--http2-prior-knowledge", "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                                   "--data-binary", "@" + big, "http://127.0.0.1:" + port() + "/too-large"));
    }

    /** Through Helidon's JAX-RS too, the resource answers every method: JAX-RS names only seven. */
    @Test
    void aMethodJaxRsCannotNameIsForwardedUnchanged() throws Exception {
        register(backend("a"));
        String head = curl("--http2-prior-knowledge", "-X", "PROPFIND", "-o", "/dev/null", "-D", "-",
                           "http://127.0.0.1:" + port() + "/dav");
        assertEquals(List.of("PROPFIND"), head.lines().filter(l -> l.toLowerCase().startsWith("x-echo-method:"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).toList(), head);
    }
}
