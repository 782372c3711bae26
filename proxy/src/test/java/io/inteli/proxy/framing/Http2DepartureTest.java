package io.inteli.proxy.framing;

import java.util.List;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.testsupport.Poll;
import io.inteli.proxy.testsupport.RemovesBackendsAfterEach;
import io.inteli.proxy.testsupport.SilentBackend;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.inteli.proxy.testsupport.DepartureAssertions.WAIT;
import static io.inteli.proxy.testsupport.DepartureAssertions.assertExchangeEnded;
import static io.inteli.proxy.testsupport.DepartureAssertions.assertLeavingEndsTheExchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/2 clients that go away while the backend is silent (Helidon tells the stream's handler of neither a
 * RST_STREAM nor a closed connection): the exchange ends within a fraction of a second, its backend connection is
 * closed and nothing stays in flight; after a reset the connection carries on.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/http2-departure")
@RemovesBackendsAfterEach
class Http2DepartureTest {
    @Inject
    BackendRegistry registry;
    @Inject
    ServerCdiExtension server;

    @Test
    void aStreamResetWhileTheBackendIsSilentEndsItsExchange() throws Exception {
        try (SilentBackend backend = new SilentBackend(); RawH2cClient h2 = new RawH2cClient(server.port())) {
            Backend registered = registry.register("silent-h2", backend.url(), 1, List.of("/"));
            h2.get(1, "/silent");
            backend.assertRequestArrived();
            assertEquals(1, registered.load().inFlight());

            assertLeavingEndsTheExchange(backend, registered, () -> h2.reset(1));
            // the connection itself carries on
            h2.get(3, "/slow/0/still-here");
            assertEquals("still-here", h2.nextData(3).text());
        }
    }

    @Test
    void aStreamResetBetweenTwoEventsEndsItsExchange() throws Exception {
        try (SilentBackend backend = new SilentBackend(); RawH2cClient h2 = new RawH2cClient(server.port())) {
            Backend registered = registry.register("sse-h2", backend.url(), 1, List.of("/"));
            h2.get(1, "/sse");
            assertTrue(h2.nextData(1).text().startsWith("data: first"));
            assertEquals(1, registered.load().inFlight());

            assertLeavingEndsTheExchange(backend, registered, () -> h2.reset(1));
        }
    }

    @Test
    void aConnectionClosedWhileTheBackendIsSilentEndsItsExchanges() throws Exception {
        try (SilentBackend backend = new SilentBackend()) {
            Backend registered = registry.register("silent-h2c", backend.url(), 1, List.of("/"));
            long left;
            try (RawH2cClient h2 = new RawH2cClient(server.port())) {
                h2.get(1, "/silent");
                h2.get(3, "/silent");
                Poll.until("both requests in flight", WAIT, () -> registered.load().inFlight() == 2);
                left = System.nanoTime();
            }
            assertExchangeEnded(backend, registered, left);
        }
    }
}
