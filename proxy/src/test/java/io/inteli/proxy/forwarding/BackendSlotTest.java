package io.inteli.proxy.forwarding;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.testsupport.SilentBackend;
import io.inteli.proxy.upstream.ScriptedBackend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whatever way an exchange ends, its backend's in-flight slot is given back exactly once (BackendExchange): after a
 * refused connection, an invalid answer, a read timeout, a retry on another backend and a normal answer, each
 * backend's count is 0 again (a slot given back twice would make it negative).
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.proxy.read-timeout", value = "300ms")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/backend-slot")
class BackendSlotTest extends FrontDoorContractSupport {

    @Test
    void everyWayAnExchangeEndsGivesTheSlotBackOnce() throws Exception {
        try (ScriptedBackend scripted = new ScriptedBackend(); SilentBackend silent = new SilentBackend()) {
            Backend invalid = registry.register("invalid", scripted.url(), 1, List.of("/invalid"));
            scripted.reply(ScriptedBackend.Reply.of(
                    "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"));
            assertEquals(502, get("/invalid").statusCode());
            assertEquals(0, invalid.load().inFlight());

            Backend stalled = registry.register("stalled", silent.url(), 1, List.of("/silent"));
            assertEquals(504, get("/silent").statusCode());
            assertEquals(0, stalled.load().inFlight());

            Backend slow = registry.register("slow", silent.url(), 1, List.of("/slow"));
            HttpResponse<String> ok = get("/slow/0/fine");
            assertEquals(200, ok.statusCode());
            assertEquals("fine", ok.body());
            await("the answer's slot is given back", () -> slow.load().inFlight() == 0);

            Backend refused = registry.register("refused", URI.create("http://127.0.0.1:" + closedPort()), 1,
                                                List.of("/slow"));
            // a refused connection is retried on the other backend of the route (GET is idempotent)
            for (int i = 0; i < 4; i++) {
                assertEquals(200, get("/slow/0/again").statusCode());
            }
            await("every slot is given back",
                  () -> refused.load().inFlight() == 0 && slow.load().inFlight() == 0);
        }
    }
}
