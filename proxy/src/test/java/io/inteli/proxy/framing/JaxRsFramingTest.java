package io.inteli.proxy.framing;

import java.util.Set;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state")
@AddConfig(key = "inteli.proxy.max-body-size", value = "1m")
@AddConfig(key = "inteli.proxy.client-header-timeout", value = "400ms")
@AddConfig(key = "inteli.proxy.client-body-timeout", value = "400ms")
class JaxRsFramingTest extends FramingConformance {
    @Override
    Set<String> knownGaps() {
        // Helidon 4.2.6 parses the head and chunked bodies before the proxy sees them: see docs/data-plane.md
        return Set.of(
                // closed after every chunked request instead (Helidon's decoder is lenient)
                "Connection naming Transfer-Encoding cannot unframe a chunked body",
                "Transfer-Encoding CHUNKED in upper case is chunked",
                "a chunk not followed by CRLF is 400 and closes",
                "chunk extensions are ignored and trailers read",
                "a lower-case method is a valid token, forwarded unchanged",
                "an invalid method token is 400 and closes",
                "an absolute-form target's authority replaces Host",
                "obs-text in a header value passes unchanged",
                "a request line over the limit is 414 and closes",
                "HTTP/1.0 is served and closed",
                "HTTP/1.0 with keep-alive stays open",
                "an HTTP/2.0 request line is 505 and closes",
                HEAD_TIMEOUT, BODY_TIMEOUT);
    }
}
