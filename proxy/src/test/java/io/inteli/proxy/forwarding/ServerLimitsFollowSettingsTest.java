package io.inteli.proxy.forwarding;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server's own HTTP/1 parser (under the JAX-RS door) takes its limits from the proxy's keys, through the
 * startup.HelidonSettings config source: above Helidon's defaults (a 4096-byte request line, 16 KiB of headers)
 * here, so that a request within the proxy's limits but over Helidon's own reaches the backend, and a header section
 * over the proxy's limit gets the proxy's 431, not Helidon's 400.
 */
@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state")
@AddConfig(key = "inteli.proxy.max-uri-length", value = "6000")
@AddConfig(key = "inteli.proxy.max-header-size", value = "20000")
class ServerLimitsFollowSettingsTest extends FrontDoorContractSupport {

    @Test
    void aRequestLineOverHelidonsDefaultButWithinMaxUriLengthIsForwarded() throws Exception {
        TestBackend a = backend("a");
        register(a);
        String path = "/" + "u".repeat(5_000);
        String head = RawHttp.exchange(port(), "GET " + path + " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        assertEquals(200, RawHttp.status(head), head);
        assertEquals(1, a.requests());
    }

    @Test
    void aRequestLineOverMaxUriLengthIs414() throws Exception {
        TestBackend a = backend("a");
        register(a);
        String path = "/" + "u".repeat(6_500);
        String head = RawHttp.exchange(port(), "GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(414, RawHttp.status(head), head);
        assertEquals(0, a.requests());
    }

    @Test
    void aHeaderSectionOverHelidonsDefaultButWithinMaxHeaderSizeIsForwarded() throws Exception {
        TestBackend a = backend("a");
        register(a);
        String big = "X-Big: " + "b".repeat(18_000) + "\r\n";
        String head = RawHttp.exchange(port(), "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n" + big + "\r\n");
        assertEquals(200, RawHttp.status(head), head);
        assertEquals(1, a.requests());
    }

    @Test
    void aHeaderSectionOverMaxHeaderSizeIs431() throws Exception {
        TestBackend a = backend("a");
        register(a);
        String big = "X-Big: " + "b".repeat(30_000) + "\r\n";
        String head = RawHttp.exchange(port(), "GET / HTTP/1.1\r\nHost: h\r\n" + big + "\r\n");
        assertEquals(431, RawHttp.status(head), head);
        assertEquals(0, a.requests());
    }
}
