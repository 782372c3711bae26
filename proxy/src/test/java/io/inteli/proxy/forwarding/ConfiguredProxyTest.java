package io.inteli.proxy.forwarding;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The non-default values of the keys that change answers, on the native front door. */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.proxy.no-backend-status", value = "503")
@AddConfig(key = "inteli.proxy.preserve-host", value = "false")
@AddConfig(key = "inteli.proxy.retries", value = "0")
@AddConfig(key = "inteli.proxy.max-header-size", value = "2048")
@AddConfig(key = "inteli.lb.strategy", value = "weighted-round-robin")
@AddConfig(key = "inteli.lb.eject-after", value = "2")
@AddConfig(key = "inteli.lb.eject-for", value = "1m")
class ConfiguredProxyTest extends FrontDoorContractSupport {

    @Test
    void noBackendAnswersTheConfiguredStatus() throws Exception {
        assertEquals(503, get("/none").statusCode());
    }

    @Test
    void hostIsTheBackendsAuthorityWhenPreserveHostIsFalse() throws Exception {
        TestBackend a = registered("a");
        HttpResponse<String> r = get("/h");
        assertEquals(List.of(a.url().getAuthority()), echoed(r.body()).get("host"));
        assertEquals(List.of("127.0.0.1:" + port()), echoed(r.body()).get("x-forwarded-host"));
    }

    @Test
    void withoutRetriesAConnectFailureIs502AndEjectsAfterTheSecond() throws Exception {
        registry.register("dead", URI.create("http://127.0.0.1:" + closedPort()), 1, List.of("/"));
        assertEquals(502, get("/x").statusCode());
        assertEquals(BackendState.ACTIVE, registry.find("dead").orElseThrow().state());
        assertEquals(502, get("/x").statusCode());
        assertEquals(BackendState.EJECTED, registry.find("dead").orElseThrow().state());
        assertEquals(503, get("/x").statusCode());
    }

    @Test
    void weightedRoundRobinFollowsTheWeights() throws Exception {
        TestBackend heavy = backend("heavy");
        TestBackend light = backend("light");
        registry.register("heavy", heavy.url(), 3, List.of("/"));
        registry.register("light", light.url(), 1, List.of("/"));
        for (int i = 0; i < 8; i++) {
            assertEquals(200, get("/w").statusCode());
        }
        assertEquals(6, heavy.requests());
        assertEquals(2, light.requests());
    }

    @Test
    void theHeaderLimitIsConfigurable() throws Exception {
        Backend a = register(backend("a"));
        String head = RawHttp.exchange(port(), "GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "b".repeat(2100) + "\r\n\r\n");
        assertEquals(431, RawHttp.status(head), head);
        assertEquals(0, a.load().stats().lastMinute().requests());
    }
}
