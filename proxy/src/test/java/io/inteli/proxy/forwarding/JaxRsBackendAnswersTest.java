package io.inteli.proxy.forwarding;

import java.util.Set;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state")
@AddConfig(key = "inteli.proxy.read-timeout", value = "5s")
@AddConfig(key = "inteli.proxy.connect-timeout", value = "1s")
class JaxRsBackendAnswersTest extends BackendAnswersThroughProxy {
    /**
     * Helidon's response layer under JAX-RS answers a 304 carrying a length with a broken answer, sends
     * "Content-Length: 0" on a 204 and on a HEAD whatever length the backend declared: the door's writing side;
     * Helidon's chunk decoder refuses valid request chunk extensions or trailers (400) and takes a chunk without its
     * CRLF.
     */
    @Override
    Set<String> doorDefects() {
        return Set.of(REQUEST_CHUNK_EXTENSIONS, MALFORMED_REQUEST_CHUNK, "304 with Content-Length 1234", "204 with Content-Length 0", "HEAD with Content-Length 1234");
    }
}
