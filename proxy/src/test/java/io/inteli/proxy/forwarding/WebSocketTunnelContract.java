package io.inteli.proxy.forwarding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.inteli.proxy.registry.Backend;
import io.inteli.testsupport.Poll;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSocket pass-through, the same on both front doors: the JDK's WebSocket client, through the proxy, to a real
 * server.
 */
@Configuration(configSources = "in-process-proxy.properties")
// every door runs this contract on the same proxy settings; each concrete class names its door
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
abstract class WebSocketTunnelContract extends FrontDoorContractSupport {
    /** The handshake's headers after {@code Upgrade}: RFC 6455's sample key, version 13. */
    private static final String HANDSHAKE = "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            + "Sec-WebSocket-Version: 13\r\n";
    private static final long WAIT = 10;

    WebSocketBackend wsBackend(String name) throws Exception {
        return closedAfterTheTest(new WebSocketBackend(name));
    }

    Backend register(WebSocketBackend b) {
        return registry.register(b.name, b.url(), 1, List.of("/"));
    }

    /** A tunnel to {@code /} that has carried one message there and back: open end to end. */
    Client connectedAndEchoing() throws Exception {
        Client c = connect("/");
        c.ws.sendText("hello", true);
        assertEquals("hello", c.next());
        return c;
    }

    Client connect(String path) throws Exception {
        Client listener = new Client();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port() + path), listener).get(WAIT, TimeUnit.SECONDS);
        listener.ws = ws;
        return listener;
    }

    @Test
    void textAndBinaryMessagesFromOneByteToOneMebibyteComeBackUnchanged() throws Exception {
        register(wsBackend("ws"));
        Client c = connect("/echo");
        Random random = new Random(7);
        for (int size : new int[] {1, 125, 126, 65535, 65536, 100_000, 1 << 20}) {
            byte[] bytes = new byte[size];
            random.nextBytes(bytes);
            c.ws.sendBinary(ByteBuffer.wrap(bytes), true).get(WAIT, TimeUnit.SECONDS);
            assertArrayEquals(bytes, (byte[]) c.next(), "binary of " + size + " bytes");
            char[] chars = new char[size];
            Arrays.fill(chars, 'x');
            String text = new String(chars);
            c.ws.sendText(text, true).get(WAIT, TimeUnit.SECONDS);
            assertEquals(text, c.next(), "text of " + size + " characters");
        }
        c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(WAIT, TimeUnit.SECONDS);
        assertEquals(WebSocket.NORMAL_CLOSURE, c.closeCode.get(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void aThousandMessagesArriveInOrder() throws Exception {
        register(wsBackend("ws"));
        Client c = connect("/");
        for (int i = 0; i < 1000; i++) {
            c.ws.sendText("message " + i, true).get(WAIT, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals("message " + i, c.next());
        }
    }

    @Test
    void aPingGetsItsPong() throws Exception {
        register(wsBackend("ws"));
        Client c = connect("/");
        c.ws.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).get(WAIT, TimeUnit.SECONDS);
        assertEquals("pong:are you there", c.next());
    }

    @Test
    void closeCodesPassBothWays() throws Exception {
        WebSocketBackend b = wsBackend("ws");
        register(b);
        Client fromBackend = connect("/");
        fromBackend.ws.sendText("close:4001", true);
        assertEquals(4001, fromBackend.closeCode.get(WAIT, TimeUnit.SECONDS));
        // the JDK client answers the backend's close with the same code: that one reaches the backend too
        assertEquals(4001, b.closeCodes.poll(WAIT, TimeUnit.SECONDS));

        Client fromClient = connect("/");
        fromClient.ws.sendClose(4002, "client leaves").get(WAIT, TimeUnit.SECONDS);
        assertEquals(4002, b.closeCodes.poll(WAIT, TimeUnit.SECONDS));
        assertEquals(4002, fromClient.closeCode.get(WAIT, TimeUnit.SECONDS));
    }

    @Test
    void aBackendKilledMidTunnelEndsTheClientsConnectionPromptly() throws Exception {
        WebSocketBackend b = wsBackend("ws");
        Backend registered = register(b);
        Client c = connectedAndEchoing();
        long start = System.nanoTime();
        b.kill();
        // first the proxy's side (both connections closed, the slot freed), then what the client saw
        await("the tunnel is no longer in flight", () -> registered.load().inFlight() == 0
                && registered.load().tunnels() == 0);
        c.ended.get(10, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 5000, "the client learned of it after " + millis + " ms");
    }

    @Test
    void anOpenTunnelCountsInFlightInTheAdminFiguresAndTheGauge() throws Exception {
        Backend registered = register(wsBackend("ws"));
        Client c = connectedAndEchoing();
        assertEquals(1, registered.load().inFlight());
        assertEquals(1, registered.load().tunnels());
        assertEquals(1L, openGauge());
        c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        await("the closed tunnel is no longer in flight", () -> registered.load().inFlight() == 0
                && registered.load().tunnels() == 0 && openGauge() == 0L);
    }

    @Test
    void theLatencyFiguresTakeTheHandshakeNotTheTunnelsLife() throws Exception {
        Backend registered = register(wsBackend("ws-latency"));
        Client c = connectedAndEchoing();
        Thread.sleep(1500);
        c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        MetricID id = new MetricID("inteli.proxy.latency", new Tag("backend", "ws-latency"));
        // recorded once the exchange is over, just after the backend's in-flight slot is given back
        await("the tunnel closed and its exchange recorded", () -> registered.load().inFlight() == 0
                && metrics.getTimer(id) != null && metrics.getTimer(id).getCount() == 1);
        Timer latency = metrics.getTimer(id);
        assertEquals(1, latency.getCount());
        assertTrue(latency.getSnapshot().getMax() < TimeUnit.MILLISECONDS.toNanos(1000),
                   "max " + latency.getSnapshot().getMax() + " ns");
    }

    @Test
    void aDrainedBackendsTunnelIsClosedWhenItIsRemovedAfterTheDrainTimeout() throws Exception {
        Backend registered = register(wsBackend("ws"));
        Client c = connectedAndEchoing();
        Backend draining = registry.startDraining(registered, "test drain").orElseThrow();
        CompletableFuture<Void> idle = draining.load().whenIdle();
        Thread.sleep(300);
        assertFalse(idle.isDone(), "the drain waits for the open tunnel");
        c.ws.sendText("still open while draining", true);
        assertEquals("still open while draining", c.next());
        // what the agent protocol does when the drain timeout runs out
        registry.remove(draining, "stopped after the drain timeout");
        c.ended.get(5, TimeUnit.SECONDS);
        idle.get(5, TimeUnit.SECONDS);
    }

    @Test
    void aHundredConcurrentTunnelsEachGetTheirOwnAnswers() throws Exception {
        register(wsBackend("ws"));
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            clients.add(connect("/"));
        }
        for (int i = 0; i < clients.size(); i++) {
            clients.get(i).ws.sendText("client " + i, true);
        }
        for (int i = 0; i < clients.size(); i++) {
            assertEquals("client " + i, clients.get(i).next());
        }
        for (Client c : clients) {
            c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    @Test
    void theBackendReceivesTheUpgradeHeadersWithTheForwardedOnes() throws Exception {
        WebSocketBackend b = wsBackend("ws");
        register(b);
        try (Socket s = new Socket("127.0.0.1", port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /chat?room=1 HTTP/1.1\r\nHost: example.test\r\nUpgrade: websocket\r\n"
                    + "Connection: keep-alive, Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat, superchat\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate\r\nOrigin: http://example.test\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String head = RawHttp.readHead(s.getInputStream());
            assertEquals(101, RawHttp.status(head), head);
            String lower = head.toLowerCase();
            assertTrue(lower.contains("\r\nupgrade: websocket\r\n"), head);
            assertTrue(lower.contains("\r\nconnection: upgrade\r\n"), head);
            assertTrue(head.contains("\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), head);
            assertTrue(head.contains("\r\nSec-WebSocket-Protocol: chat\r\n"), head);
            // bytes pass unchanged both ways: a masked text frame "hi" comes back as the server's frame
            s.getOutputStream().write(new byte[] {(byte) 0x81, (byte) 0x82, 1, 2, 3, 4, 'h' ^ 1, 'i' ^ 2});
            byte[] echo = s.getInputStream().readNBytes(4);
            assertArrayEquals(new byte[] {(byte) 0x81, 2, 'h', 'i'}, echo);
        }
        String seen = b.heads.get(0);
        String lower = seen.toLowerCase();
        assertTrue(seen.startsWith("GET /chat?room=1 HTTP/1.1\r\n"), seen);
        assertTrue(lower.contains("\r\nupgrade: websocket\r\n"), seen);
        assertTrue(lower.contains("\r\nconnection: upgrade\r\n"), seen);
        assertTrue(seen.contains("\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"), seen);
        assertTrue(seen.contains("\r\nSec-WebSocket-Version: 13\r\n"), seen);
        assertTrue(seen.contains("\r\nSec-WebSocket-Protocol: chat, superchat\r\n"), seen);
        assertTrue(seen.contains("\r\nSec-WebSocket-Extensions: permessage-deflate\r\n"), seen);
        assertTrue(seen.contains("\r\nX-Forwarded-For: 127.0.0.1\r\n"), seen);
        assertTrue(lower.contains("\r\nvia: "), seen);
    }

    @Test
    void aClientsHalfClosePassesAndTheBackendsAnswerStillArrives() throws Exception {
        register(wsBackend("ws"));
        try (Socket s = rawTunnel()) {
            byte[] text = "slow:x".getBytes(StandardCharsets.UTF_8);
            s.getOutputStream().write(maskedText("slow:x"));
            // the client has nothing more to say: the backend's echo, 300 ms later, must still come back
            s.shutdownOutput();
            byte[] echo = s.getInputStream().readNBytes(2 + text.length);
            assertArrayEquals(new byte[] {(byte) 0x81, (byte) text.length, 's', 'l', 'o', 'w', ':', 'x'}, echo);
            // the backend read the end of its input and closed: so does the proxy toward the client
            assertEquals(-1, s.getInputStream().read());
        }
    }

    @Test
    void aBackendsHalfClosePassesAndTheClientsLaterMessagesStillReachIt() throws Exception {
        WebSocketBackend b = wsBackend("ws");
        register(b);
        try (Socket s = rawTunnel()) {
            s.getOutputStream().write(maskedText("halfclose"));
            byte[] echo = s.getInputStream().readNBytes(2 + 9);
            assertEquals("halfclose", new String(echo, 2, 9, StandardCharsets.UTF_8));
            // the backend ended its side: the client sees the end of input, its own side still open
            assertEquals(-1, s.getInputStream().read());
            s.getOutputStream().write(maskedText("still-here"));
            Poll.until("the backend got the client's frame after its half-close", Duration.ofSeconds(5),
                       () -> !b.afterHalfClose.isEmpty());
            assertEquals(List.of("still-here"), b.afterHalfClose);
        }
    }

    /** A socket on which a minimal upgrade to {@code /} was answered 101: a tunnel, to be driven frame by frame. */
    private Socket rawTunnel() throws IOException {
        Socket s = new Socket("127.0.0.1", port());
        s.setSoTimeout(5000);
        s.getOutputStream().write(upgradeRequest("GET / HTTP/1.1").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(101, RawHttp.status(RawHttp.readHead(s.getInputStream())));
        return s;
    }

    /** A minimal WebSocket upgrade request (RFC 6455's sample key) with {@code requestLine}, its head complete. */
    private static String upgradeRequest(String requestLine) {
        return requestLine + "\r\nHost: example.test\r\nUpgrade: websocket\r\n" + HANDSHAKE + "\r\n";
    }

    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        // mask 0,0,0,0: the payload unchanged
        System.arraycopy(payload, 0, frame, 6, payload.length);
        return frame;
    }

    @Test
    void anUpgradeOtherThanWebSocketIsNotForwarded() throws Exception {
        WebSocketBackend b = wsBackend("ws");
        register(b);
        for (String protocol : new String[] {"h2c", "foo", "websocket, foo"}) {
            String head = RawHttp.exchange(port(), "GET /plain HTTP/1.1\r\nHost: example.test\r\nUpgrade: "
                    + protocol + "\r\n" + HANDSHAKE + "\r\n");
            assertEquals(200, RawHttp.status(head), protocol + ": " + head);
            String seen = b.heads.get(b.heads.size() - 1).toLowerCase();
            assertFalse(seen.contains("\r\nupgrade:"), protocol + ": " + seen);
            assertFalse(seen.contains("\r\nconnection: upgrade"), protocol + ": " + seen);
        }
        // nor is a WebSocket handshake that is not a GET with no body over HTTP/1.1
        String[] requests = {"GET /plain HTTP/1.0\r\n", "POST /plain HTTP/1.1\r\nContent-Length: 2\r\n"};
        for (String request : requests) {
            String head = RawHttp.exchange(port(), request + "Host: example.test\r\nUpgrade: websocket\r\n"
                    + HANDSHAKE + "\r\nhi");
            assertEquals(200, RawHttp.status(head), request + head);
            String seen = b.heads.get(b.heads.size() - 1).toLowerCase();
            assertFalse(seen.contains("\r\nupgrade:"), request + seen);
        }
    }

    @Test
    void aBackendThatAnswersTheUpgradeWithAnotherStatusHasItsAnswerReturned() throws Exception {
        register(wsBackend("ws"));
        for (int status : new int[] {200, 426, 403}) {
            String head = RawHttp.exchange(port(), upgradeRequest("GET /status/" + status + " HTTP/1.1"));
            assertEquals(status, RawHttp.status(head), head);
        }
    }

    @Test
    void aHandshakeToABackendThatRefusesTheConnectionIsRetriedOnAnother() throws Exception {
        registry.register("dead", URI.create("http://127.0.0.1:" + closedPort()), 1, List.of("/"));
        register(wsBackend("ws"));
        for (int i = 0; i < 4; i++) {
            Client c = connect("/");
            c.ws.sendText("try " + i, true);
            assertEquals("try " + i, c.next());
            c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    @Test
    void aBackendSwitchingToAnotherProtocolThanWebSocketIsABadGateway() throws Exception {
        WebSocketBackend b = wsBackend("ws");
        register(b);
        String head = RawHttp.exchange(port(), upgradeRequest("GET /other-protocol HTTP/1.1"));
        assertEquals(502, RawHttp.status(head), head);
    }

    @Test
    void anUpgradeWithNoBackendGetsTheNoBackendStatus() throws Exception {
        String head = RawHttp.exchange(port(), upgradeRequest("GET / HTTP/1.1"));
        assertEquals(403, RawHttp.status(head), head);
    }

    private long openGauge() {
        Gauge<?> g = metrics.getGauges().get(new MetricID("inteli.proxy.tunnels.open"));
        return g == null ? -1 : ((Number) g.getValue()).longValue();
    }

    /** Collects whole messages (byte[] for binary, String for text, "pong:..." for pongs) and the close. */
    static final class Client implements WebSocket.Listener {
        WebSocket ws;
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        /** Completes on a close or an error. */
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        Object next() throws InterruptedException {
            Object m = messages.poll(WAIT, TimeUnit.SECONDS);
            if (m == null) {
                throw new AssertionError("no message within " + WAIT + " s");
            }
            return m;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            messages.add("pong:" + StandardCharsets.UTF_8.decode(message));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            ended.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.completeExceptionally(error);
            ended.complete(null);
        }
    }
}
