package io.inteli.proxy.framing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streamed answers reach the client as the backend sends them, and a client that leaves ends the exchange. */
@Configuration(configSources = "in-process-proxy.properties")
// every door runs this contract on the same proxy settings; each concrete class names its door
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
abstract class StreamingContract extends StreamingFixture {
    @Test
    void serverSentEventsEachReachTheClientWithin50Ms() throws Exception {
        try (SseBackend sse = new SseBackend();
             Socket socket = new Socket("127.0.0.1", server.port())) {
            registry.register("sse", sse.url(), 1, List.of("/"));
            // one exchange first, so that the measured one does not pay for class loading and compilation
            try (Socket warmUp = new Socket("127.0.0.1", server.port())) {
                warmUp.setSoTimeout(5000);
                warmUp.getOutputStream().write("GET /events?n=3 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
                                                       .getBytes(StandardCharsets.US_ASCII));
                warmUp.getInputStream().readAllBytes();
            }
            socket.setSoTimeout(5000);
            socket.getOutputStream().write("GET /events?n=10 HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            List<Long> delays = new ArrayList<>();
            String line;
            while (delays.size() < 10 && (line = in.readLine()) != null) {
                int at = line.indexOf("data: ");
                if (at >= 0) {
                    delays.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - Long.parseLong(line.substring(at + 6).trim())));
                }
            }
            assertEquals(10, delays.size(), delays.toString());
            assertEventsOnTime(delays);
        }
    }

    @Test
    void aClientLeavingMidStreamEndsTheExchangeAndClosesTheBackendConnection() throws Exception {
        try (SseBackend sse = new SseBackend()) {
            registry.register("sse", sse.url(), 1, List.of("/"));
            awaitNothingInFlight("an earlier test's exchanges end");
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write("GET /events?n=0 HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                int events = 0;
                String line;
                while (events < 2 && (line = in.readLine()) != null) {
                    events += line.startsWith("data: ") ? 1 : 0;
                }
                assertEquals(1, traffic.inFlight());
            }
            awaitNothingInFlight("the exchange ends after the client left");
            assertTrue(sse.streamBroken.await(3, TimeUnit.SECONDS), "the backend connection was closed");
        }
    }
}
