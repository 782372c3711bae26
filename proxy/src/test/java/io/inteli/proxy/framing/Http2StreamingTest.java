package io.inteli.proxy.framing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.testsupport.Poll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Streamed answers over HTTP/2 (h2c with prior knowledge, frame by frame): each server-sent event reaches the client
 * as it is sent, and a client that cancels its stream (RST_STREAM, the connection staying open, as a browser does
 * when a page closes an EventSource) ends the exchange: the backend connection is closed and nothing stays in flight.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/http2-streaming")
class Http2StreamingTest extends StreamingFixture {
    @Test
    void serverSentEventsEachReachAnHttp2ClientWithin50Ms() throws Exception {
        try (SseBackend sse = new SseBackend(); RawH2cClient h2 = new RawH2cClient(server.port())) {
            registry.register("sse", sse.url(), 1, List.of("/"));
            // one exchange first, so that the measured one does not pay for class loading and compilation
            h2.get(1, "/events?n=3");
            while ((h2.nextData(1).flags() & RawH2cClient.END_STREAM) == 0) {
                // read to the end of the warm-up stream
            }
            h2.get(3, "/events?n=10");
            List<Long> delays = new ArrayList<>();
            while (delays.size() < 10) {
                RawH2cClient.Frame f = h2.nextData(3);
                for (String line : f.text().split("\n")) {
                    if (line.startsWith("data: ")) {
                        delays.add(TimeUnit.NANOSECONDS.toMillis(f.receivedAt() - Long.parseLong(line.substring(6))));
                    }
                }
            }
            assertEventsOnTime(delays);
        }
    }

    @Test
    void aStreamTheClientResetsEndsItsExchangeWhileTheConnectionGoesOn() throws Exception {
        try (SseBackend sse = new SseBackend(); RawH2cClient h2 = new RawH2cClient(server.port())) {
            registry.register("sse", sse.url(), 1, List.of("/"));
            awaitNothingInFlight("an earlier test's exchanges end");
            h2.get(1, "/events?n=0");
            h2.nextData(1);
            h2.nextData(1);
            assertEquals(1, traffic.inFlight());
            h2.reset(1);
            Poll.until(() -> "the exchange of the reset stream ends", Duration.ofSeconds(3), Duration.ofMillis(50),
                       () -> {
                           if (traffic.inFlight() == 0) {
                               return true;
                           }
                           // the client keeps its connection busy, as a browser with other requests on it would
                           h2.ping();
                           return false;
                       });
            assertTrue(sse.streamBroken.await(3, TimeUnit.SECONDS), "the backend connection was closed");
            // the connection itself carries on
            h2.get(3, "/events?n=1");
            assertTrue(h2.nextData(3).text().startsWith("data: "));
        }
    }
}
