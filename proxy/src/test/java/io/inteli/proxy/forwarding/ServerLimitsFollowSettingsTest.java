package io.inteli.proxy.forwarding;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server's own HTTP/1 parser (under the JAX-RS door) takes its limits from the proxy's keys, through the
 * startup.HelidonSettings config source: above Helidon's defaults (a 4096-byte request line, 16 KiB of headers)
 * here, so that a request within the proxy's limits but over Helidon's own reaches the backend, and a header section
 * over the proxy's limit gets the proxy's 431, not Helidon's 400.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.proxy.max-uri-length", value = "6000")
@AddConfig(key = "inteli.proxy.max-header-size", value = "20000")
class ServerLimitsFollowSettingsTest extends FrontDoorContractSupport {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a request line over Helidon's default but within max-uri-length is forwarded, 5000, 0, 200",
            "a request line over max-uri-length is 414, 6500, 0, 414",
            "a header section over Helidon's default but within max-header-size is forwarded, 1, 18000, 200",
            "a header section over max-header-size is 431 (not Helidon's 400), 1, 30000, 431",
    })
    void theServersLimitsFollowTheProxysKeys(String behaviour, int pathLength, int headerLength, int status)
            throws Exception {
        TestBackend a = registered("a");
        String head = RawHttp.exchange(port(), "GET /" + "u".repeat(pathLength - 1) + " HTTP/1.1\r\nHost: h\r\n"
                + "Connection: close\r\n" + (headerLength > 0 ? "X-Big: " + "b".repeat(headerLength) + "\r\n" : "")
                + "\r\n");
        assertEquals(status, RawHttp.status(head), head);
        assertEquals(status == 200 ? 1 : 0, a.requests());
    }
}
