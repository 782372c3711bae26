package io.inteli.proxy.forwarding;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.registry.Backend;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** inteli.proxy.tunnel-idle-timeout closes a tunnel with no bytes either way; traffic keeps it open. */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.proxy.tunnel-idle-timeout", value = "800ms")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
class WebSocketIdleTimeoutTest extends FrontDoorContractSupport {

    @Test
    void aSilentTunnelIsClosedAfterTheIdleTimeoutAndABusyOneIsNot() throws Exception {
        try (WebSocketBackend b = new WebSocketBackend("ws")) {
            Backend registered = registry.register(b.name, b.url(), 1, List.of("/"));
            WebSocketTunnelTest.Client c = new WebSocketTunnelTest.Client();
            c.ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port() + "/"), c).get(10, TimeUnit.SECONDS);
            // traffic every 200 ms for 2 s: well past the timeout, yet the tunnel stays open
            long silentSince = 0;
            for (int i = 0; i < 10; i++) {
                Thread.sleep(200);
                c.ws.sendText("tick " + i, true).get(5, TimeUnit.SECONDS);
                assertEquals("tick " + i, c.next());
                silentSince = System.nanoTime();
            }
            assertFalse(c.ended.isDone(), "a tunnel with traffic stays open");
            c.ended.get(10, TimeUnit.SECONDS);
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentSince);
            assertTrue(silentMillis >= 750, "closed after " + silentMillis + " ms of silence");
            await("the closed tunnel is no longer in flight", () -> registered.load().inFlight() == 0);
        }
    }
}
