package io.inteli.proxy.forwarding;

import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.Test;

import static io.inteli.proxy.forwarding.Http2Support.curl;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** HTTP/2 on the JAX-RS front door: the same translation to HTTP/1.1 as on the native one. */
@HelidonTest
@AddConfig(key = "inteli.state-dir", value = "target/test-state/http2-jaxrs")
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
class Http2JaxRsFrontDoorTest extends Http2CleartextContract {

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
