package io.inteli.proxy.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.protocol.Message;
import io.inteli.protocol.Signatures;
import io.inteli.proxy.registry.AgentRegistry;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.BackendState;
import io.inteli.proxy.registry.RegistryEvent;
import io.inteli.proxy.registry.RegistryListener;
import io.inteli.testsupport.Poll;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/protocol")
@AddConfig(key = "inteli.secret", value = RawAgent.SECRET)
@AddConfig(key = "inteli.registry.ping-interval", value = "200ms")
@AddConfig(key = "inteli.registry.ping-timeout", value = "700ms")
@AddConfig(key = "inteli.registry.auth-timeout", value = "1s")
@AddConfig(key = "inteli.registry.drain-timeout", value = "5s")
// failures are on purpose here: no delay before the challenges that follow them (the delay has its own test)
@AddConfig(key = "inteli.registry.auth-delay-max", value = "0s")
class RegistryProtocolTest {
    private static final String URL = "http://127.0.0.1:8081/base";

    @Inject
    BackendRegistry registry;
    @Inject
    AgentRegistry connections;
    private int port;

    @BeforeEach
    void controlPort() {
        port = CDI.current().select(ServerCdiExtension.class).get().port("control");
    }

    @Test
    void registersAnAgentThroughEveryStepAndRemovesItOnStop() throws Exception {
        try (RawAgent agent = RawAgent.connect(port)) {
            assertEquals("inteli-v1", agent.responseHeader("Sec-WebSocket-Protocol"));
            Message.Challenge challenge = agent.expect(Message.Challenge.class);
            assertEquals(1, challenge.version());
            assertTrue(challenge.nonce().matches("[0-9a-f]{64}"), challenge.nonce());
            agent.sendText(RawAgent.auth("orders-1", Signatures.sign(RawAgent.SECRET, challenge.nonce(), "orders-1")));
            assertEquals(200, agent.expect(Message.Accepted.class).pingIntervalMs());
            assertTrue(registry.find("orders-1").isEmpty(), "nothing is routed before start");

            agent.sendText("{\"type\":\"start\",\"url\":\"HTTP://127.0.0.1:8081/base/\",\"weight\":7,"
                                   + "\"routes\":[\"/orders\"],\"unknownField\":{\"ignored\":true}}");
            agent.expect(Message.Started.class);
            Backend backend = registry.find("orders-1").orElseThrow();
            assertEquals(URI.create("http://127.0.0.1:8081/base"), backend.url());
            assertEquals(7, backend.weight());
            assertEquals(List.of("/orders"), backend.routes());
            assertEquals(BackendState.ACTIVE, backend.state());

            agent.sendText("{\"type\":\"stop\"}");
            agent.expect(Message.Stopped.class);
            assertEquals(new RawAgent.Close(1000, "stopped"), agent.awaitClose());
            assertTrue(registry.find("orders-1").isEmpty());
        }
    }

    @Test
    void startDefaultsToWeightOneAndTheRootRoute() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "defaults-1", "{\"type\":\"start\",\"url\":\"https://b.example:8443\"}")) {
            Backend backend = registry.find("defaults-1").orElseThrow();
            assertEquals(1, backend.weight());
            assertEquals(List.of("/"), backend.routes());
            assertEquals(URI.create("https://b.example:8443"), backend.url());
        }
        Poll.until("removed after the socket ended", Duration.ofSeconds(5),
                   () -> registry.find("defaults-1").isEmpty());
    }

    @Test
    void refusesAHandshakeThatOffersNoSubprotocolBeforeTheUpgrade() {
        IOException refused = assertThrows(IOException.class, () -> RawAgent.connect(port, null).close());
        assertEquals("upgrade refused: HTTP/1.1 400 Bad Request", refused.getMessage());
    }

    @Test
    void refusesAHandshakeThatOffersOnlyAnotherSubprotocol() {
        IOException refused = assertThrows(IOException.class, () -> RawAgent.connect(port, "inteli-v0").close());
        assertEquals("upgrade refused: HTTP/1.1 400 Bad Request", refused.getMessage());
    }

    @Test
    void picksInteliV1AmongSeveralOfferedSubprotocols() throws Exception {
        try (RawAgent agent = RawAgent.connect(port, "inteli-v0, inteli-v1")) {
            assertEquals("inteli-v1", agent.responseHeader("Sec-WebSocket-Protocol"));
            agent.authenticate("manysub-1");
        }
    }

    @Test
    void doesNotUpgradeOnTheDataPlane() throws Exception {
        int dataPort = CDI.current().select(ServerCdiExtension.class).get().port();
        try (Socket socket = new Socket("127.0.0.1", dataPort)) {
            socket.setSoTimeout(5000);
            // a complete registry handshake, subprotocol included: the endpoint must not be on this socket
            socket.getOutputStream().write(("GET /registry HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: inteli-v1\r\n\r\n")
                                                   .getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            // the data plane's own answer (no backend for the path), never an upgrade
            assertTrue(status != null && status.startsWith("HTTP/1.1 ") && !status.startsWith("HTTP/1.1 101"), status);
        }
    }

    @Test
    void givesEveryConnectionANewNonce() throws Exception {
        try (RawAgent first = RawAgent.connect(port); RawAgent second = RawAgent.connect(port)) {
            assertNotEquals(first.expect(Message.Challenge.class).nonce(), second.expect(Message.Challenge.class).nonce());
        }
    }

    @Test
    void closesOnAWrongSignature() throws Exception {
        try (RawAgent agent = RawAgent.connect(port)) {
            Message.Challenge challenge = agent.expect(Message.Challenge.class);
            String wrong = Signatures.sign("another-secret-that-is-long-enough-0123", challenge.nonce(), "orders-1");
            agent.sendText(RawAgent.auth("orders-1", wrong));
            assertEquals(new RawAgent.Close(1008, "authentication failed"), agent.awaitClose());
        }
    }

    @Test
    void closesOnAMalformedSignatureWithTheSameReason() throws Exception {
        try (RawAgent agent = RawAgent.connect(port)) {
            agent.expect(Message.Challenge.class);
            agent.sendText(RawAgent.auth("orders-1", "NOT-HEX"));
            assertEquals(new RawAgent.Close(1008, "authentication failed"), agent.awaitClose());
        }
    }

    @Test
    void refusesASignatureReplayedFromAnEarlierConnection() throws Exception {
        String replayed;
        try (RawAgent earlier = RawAgent.connect(port)) {
            Message.Challenge challenge = earlier.expect(Message.Challenge.class);
            replayed = Signatures.sign(RawAgent.SECRET, challenge.nonce(), "replay-1");
            earlier.sendText(RawAgent.auth("replay-1", replayed));
            earlier.expect(Message.Accepted.class);
        }
        try (RawAgent attacker = RawAgent.connect(port)) {
            attacker.expect(Message.Challenge.class);
            attacker.sendText(RawAgent.auth("replay-1", replayed));
            assertEquals(new RawAgent.Close(1008, "authentication failed"), attacker.awaitClose());
        }
    }

    @Test
    void closesASocketThatDoesNotAuthenticateInTime() throws Exception {
        try (RawAgent agent = RawAgent.connect(port)) {
            long started = System.nanoTime();
            agent.expect(Message.Challenge.class);
            assertEquals(new RawAgent.Close(1008, "authentication timeout"), agent.awaitClose());
            assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(900), "closed before the timeout");
        }
    }

    @Test
    void closesOnStartBeforeAuth() throws Exception {
        assertViolationBeforeAuth(RawAgent.start(URL), new RawAgent.Close(1008, "unexpected start (expected auth)"));
    }

    @Test
    void closesOnMalformedJson() throws Exception {
        assertViolationBeforeAuth("{\"type\":\"auth\",", new RawAgent.Close(1008, "malformed JSON"));
    }

    @Test
    void closesOnAnUnknownType() throws Exception {
        assertViolationBeforeAuth("{\"type\":\"hello\"}", new RawAgent.Close(1008, "unknown type"));
    }

    @Test
    void closesOnABadAgentId() throws Exception {
        assertViolationBeforeAuth(RawAgent.auth("orders/1", "00".repeat(32)), new RawAgent.Close(1008, "invalid agentId"));
    }

    @Test
    void closesOnABinaryFrame() throws Exception {
        try (RawAgent agent = RawAgent.connect(port)) {
            agent.expect(Message.Challenge.class);
            agent.sendBinary("{\"type\":\"auth\"}".getBytes(StandardCharsets.UTF_8));
            assertEquals(new RawAgent.Close(1008, "binary frames are not allowed"), agent.awaitClose());
        }
    }

    @Test
    void closesOnAnOversizedFrameWith1009AndRemovesTheBackend() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "big-1", RawAgent.start(URL))) {
            String big = "{\"type\":\"status\",\"ready\":true,\"pad\":\"" + "x".repeat(16 * 1024) + "\"}";
            agent.sendText(big);
            assertEquals(1009, agent.awaitClose().code());
            assertTrue(registry.find("big-1").isEmpty());
        }
    }

    @Test
    void closesOnAFrameBeyondHelidonsOwnLimitAndRemovesTheBackend() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "huge-1", RawAgent.start(URL))) {
            try {
                agent.sendFrame(0x1, new byte[2 * 1024 * 1024], true);
            } catch (IOException expected) {
                // Helidon reads the frame header, closes, and drops the socket while the rest is still being sent
            }
            int code = agent.awaitClose().code();
            assertTrue(code == 1009 || code == -1, "closed with " + code);
            // Helidon closes such a socket without telling the listener: the next ping finds it gone
            Poll.until("removed", Duration.ofSeconds(5), () -> registry.find("huge-1").isEmpty());
        }
    }

    @Test
    void closesOnAFrameOfManyFragmentsThatIsTooLargeInAll() throws Exception {
        try (RawAgent agent = RawAgent.connect(port)) {
            agent.expect(Message.Challenge.class);
            byte[] part = "x".repeat(6000).getBytes(StandardCharsets.UTF_8);
            agent.sendFrame(0x1, part, false);
            agent.sendFrame(0x0, part, false);
            agent.sendFrame(0x0, part, true);
            assertEquals(1009, agent.awaitClose().code());
        }
    }

    @Test
    void refusesAStartWithAnotherScheme() throws Exception {
        assertInvalidStart("invalid-scheme", RawAgent.start("ftp://127.0.0.1:21"), "url scheme must be http or https");
    }

    @Test
    void refusesAStartWithAWeightOutOfRange() throws Exception {
        assertInvalidStart("weight-0", "{\"type\":\"start\",\"url\":\"" + URL + "\",\"weight\":0}",
                           "weight must be between 1 and 1000");
        assertInvalidStart("weight-1001", "{\"type\":\"start\",\"url\":\"" + URL + "\",\"weight\":1001}",
                           "weight must be between 1 and 1000");
    }

    @Test
    void refusesAStartWithARouteWithoutALeadingSlash() throws Exception {
        assertInvalidStart("route-1", "{\"type\":\"start\",\"url\":\"" + URL + "\",\"routes\":[\"/ok\",\"orders\"]}",
                           "each route must start with /");
    }

    @Test
    void closesAndRemovesOnAMessageOutOfOrderAfterStarted() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "twice-1", RawAgent.start(URL))) {
            agent.sendText(RawAgent.start(URL));
            assertEquals(new RawAgent.Close(1008, "unexpected start (expected status or stop)"), agent.awaitClose());
            assertTrue(registry.find("twice-1").isEmpty());
        }
    }

    @Test
    void aSecondConnectionWithTheSameAgentIdReplacesTheFirst() throws Exception {
        try (RawAgent first = RawAgent.started(port, "dup-1", RawAgent.start("http://127.0.0.1:9001"))) {
            Backend old = registry.find("dup-1").orElseThrow();
            try (RawAgent second = RawAgent.connect(port)) {
                second.authenticate("dup-1");
                assertEquals(old, registry.find("dup-1").orElseThrow(), "the first stays until the second starts");
                second.sendText(RawAgent.start("http://127.0.0.1:9002"));
                second.expect(Message.Started.class);

                RawAgent.Close close = first.awaitClose();
                assertEquals(1000, close.code());
                Backend now = registry.find("dup-1").orElseThrow();
                assertEquals(URI.create("http://127.0.0.1:9002"), now.url());
                assertTrue(now.registration() > old.registration());
                // the old socket is gone now, and the new registration survived its close
                assertTrue(first.endsWithin(3000));
                second.sendText("{\"type\":\"status\",\"ready\":false}");
                Poll.until("status of the new connection applied", Duration.ofSeconds(5),
                           () -> registry.find("dup-1").map(b -> b.state() == BackendState.NOT_READY).orElse(false));
                assertEquals(now.registration(), registry.find("dup-1").orElseThrow().registration());
            }
        }
    }

    @Test
    void removesABackendWhosePongsStop() throws Exception {
        long connected = System.nanoTime();
        try (RawAgent agent = RawAgent.started(port, "silent-1", RawAgent.start(URL))) {
            agent.answerPings(false);
            assertEquals(new RawAgent.Close(1008, "ping timeout"), agent.awaitClose());
            // no pong came after the connection opened, so not before the ping timeout (700ms) from then
            assertTrue(System.nanoTime() - connected >= TimeUnit.MILLISECONDS.toNanos(700), "removed too early");
            assertTrue(registry.find("silent-1").isEmpty());
            assertTrue(agent.pingsSeen() >= 2, "pings were sent: " + agent.pingsSeen());
        }
    }

    @Test
    void recordsTheRoundTripWhenPongsComeBackEmpty() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "empty-pongs-1", RawAgent.start(URL))) {
            agent.emptyPongs(true);
            Backend backend = registry.find("empty-pongs-1").orElseThrow();
            assertNull(agent.textWithin(1200));
            assertTrue(agent.pingsSeen() >= 3, "pings seen: " + agent.pingsSeen());
            assertTrue(backend.load().lastPingRttNanos() >= 0, "a round trip was recorded");
            assertEquals(backend, registry.find("empty-pongs-1").orElseThrow());
        }
    }

    @Test
    void keepsABackendThatAnswersPingsAndRecordsTheRoundTrip() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "pongs-1", RawAgent.start(URL))) {
            Backend backend = registry.find("pongs-1").orElseThrow();
            // read frames (and answer pings) for longer than the ping timeout
            assertNull(agent.textWithin(1200));
            assertTrue(agent.pingsSeen() >= 3, "pings seen: " + agent.pingsSeen());
            assertTrue(backend.load().lastPingRttNanos() >= 0, "a round trip was recorded");
            assertEquals(backend, registry.find("pongs-1").orElseThrow());
        }
    }

    @Test
    void answersTheAgentsPingsWithTheSamePayload() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "pinger-1", RawAgent.start(URL))) {
            byte[] payload = "are you there".getBytes(StandardCharsets.UTF_8);
            agent.sendFrame(0x9, payload, true);
            org.junit.jupiter.api.Assertions.assertArrayEquals(payload, agent.awaitPong());
            assertTrue(registry.find("pinger-1").isPresent());
        }
    }

    @Test
    void statusFalseTakesTheBackendOutOfRotationAndTruePutsItBack() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "status-1", RawAgent.start(URL))) {
            agent.sendText("{\"type\":\"status\",\"ready\":false}");
            Poll.until("NOT_READY", Duration.ofSeconds(5), () -> state("status-1") == BackendState.NOT_READY);
            assertFalse(registry.snapshot().routable().stream().anyMatch(b -> b.id().equals("status-1")));
            agent.sendText("{\"type\":\"status\",\"ready\":true}");
            Poll.until("ACTIVE", Duration.ofSeconds(5), () -> state("status-1") == BackendState.ACTIVE);
            assertTrue(registry.snapshot().routable().stream().anyMatch(b -> b.id().equals("status-1")));
        }
    }

    @Test
    void stopWaitsForInFlightRequestsThenSaysStoppedAndCloses() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "drain-1", RawAgent.start(URL))) {
            Backend backend = registry.find("drain-1").orElseThrow();
            backend.load().acquire();
            agent.sendText("{\"type\":\"stop\"}");
            Poll.until("DRAINING", Duration.ofSeconds(5), () -> state("drain-1") == BackendState.DRAINING);
            assertFalse(registry.snapshot().routable().contains(registry.find("drain-1").orElseThrow()));
            assertNull(agent.textWithin(500), "stopped must wait for the request in flight");
            assertTrue(registry.find("drain-1").isPresent());

            CompletableFuture.runAsync(backend.load()::release);
            assertEquals("{\"type\":\"stopped\"}", agent.textWithin(5000));
            assertEquals(new RawAgent.Close(1000, "stopped"), agent.awaitClose());
            assertTrue(registry.find("drain-1").isEmpty());
        }
    }

    @Test
    void anOperatorDrainTakesTheSamePathAsStop() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "op-drain-1", RawAgent.start(URL))) {
            assertTrue(connections.drain("op-drain-1"));
            agent.expect(Message.Stopped.class);
            assertEquals(new RawAgent.Close(1000, "stopped"), agent.awaitClose());
            assertTrue(registry.find("op-drain-1").isEmpty());
        }
        assertFalse(connections.drain("op-drain-1"));
    }

    @Test
    void closeAllClosesEveryAgentAndRemovesItsBackend() throws Exception {
        try (RawAgent agent = RawAgent.started(port, "going-1", RawAgent.start(URL))) {
            connections.closeAll(1001, "going away");
            assertEquals(new RawAgent.Close(1001, "going away"), agent.awaitClose());
            assertTrue(registry.find("going-1").isEmpty());
        }
    }

    @Test
    void aCloseWithoutStopRemovesTheBackendAtOnce() throws Exception {
        List<RegistryEvent> removals = new CopyOnWriteArrayList<>();
        RegistryListener listener = (event, snapshot) -> {
            if (event.kind() == RegistryEvent.Kind.REMOVED && event.backend().id().equals("close-1")) {
                removals.add(event);
            }
        };
        registry.addListener(listener);
        try (RawAgent agent = RawAgent.started(port, "close-1", RawAgent.start(URL))) {
            agent.sendClose(1000, "bye");
            // listeners hear of a removal just after the snapshot changes: wait for the event itself
            Poll.until("removed", Duration.ofSeconds(5),
                       () -> registry.find("close-1").isEmpty() && !removals.isEmpty());
            // removed because of the close itself, not later when a ping found the socket gone
            assertEquals("the agent closed its socket (1000)", removals.getFirst().reason());
            assertEquals(1000, agent.awaitClose().code());
        } finally {
            registry.removeListener(listener);
        }
    }

    private BackendState state(String id) {
        return registry.find(id).map(Backend::state).orElse(null);
    }

    private void assertViolationBeforeAuth(String frame, RawAgent.Close expected) throws Exception {
        try (RawAgent agent = RawAgent.connect(port)) {
            agent.expect(Message.Challenge.class);
            agent.sendText(frame);
            assertEquals(expected, agent.awaitClose());
        }
    }

    private void assertInvalidStart(String agentId, String start, String reason) throws Exception {
        try (RawAgent agent = RawAgent.connect(port)) {
            agent.authenticate(agentId);
            agent.sendText(start);
            assertEquals(new RawAgent.Close(1008, reason), agent.awaitClose());
            assertTrue(registry.find(agentId).isEmpty(), "nothing is routed after an invalid start");
        }
    }
}
