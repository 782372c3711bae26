package io.inteli.proxy.control;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.protocol.Message;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sockets that never authenticate cost memory, nothing else: 200 of them from one address do not stop a
 * registration from that same address, nor serving; the auth timeout closes them.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/idle")
@AddConfig(key = "inteli.secret", value = RawAgent.SECRET)
// long enough for all 200 to be open at once on a loaded machine
@AddConfig(key = "inteli.registry.auth-timeout", value = "30s")
class IdleUnauthenticatedSocketsTest {
    @Inject
    ControlPlane controlPlane;

    @Test
    void registersAndServesWhile200IdleUnauthenticatedSocketsFromTheSameAddressWaitForTheirTimeout()
            throws Exception {
        int port = ControlPlaneClient.controlPort();
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.createContext("/", exchange -> {
            byte[] body = "served".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();
        List<RawAgent> idle = new ArrayList<>();
        try {
            // opened 20 at a time: a TLS handshake costs the loaded test machine up to 100 ms
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<RawAgent>> opening = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    opening.add(pool.submit(() -> {
                        RawAgent agent = RawAgent.connect(port);
                        agent.expect(Message.Challenge.class);
                        return agent;
                    }));
                }
                for (Future<RawAgent> f : opening) {
                    idle.add(f.get(60, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdown();
            }
            assertTrue(controlPlane.pendingCount() >= 200, "all idle sockets open: " + controlPlane.pendingCount());
            try (RawAgent agent = RawAgent.started(port, "after-idle-1",
                                                   RawAgent.start("http://127.0.0.1:" + backend.getAddress().getPort()))) {
                HttpResponse<String> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ControlPlaneClient.dataPort() + "/x"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode());
                assertEquals("served", response.body());
            }
            for (RawAgent agent : idle) {
                agent.readTimeout(60_000);
                assertEquals(new RawAgent.Close(1008, "authentication timeout"), agent.awaitClose());
            }
        } finally {
            for (RawAgent agent : idle) {
                agent.close();
            }
            backend.stop(0);
        }
    }
}
