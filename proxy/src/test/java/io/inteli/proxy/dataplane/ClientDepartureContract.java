package io.inteli.proxy.dataplane;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.testsupport.Poll;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import io.inteli.proxy.testsupport.RemovesBackendsAfterEach;
import io.inteli.proxy.testsupport.SilentBackend;
import io.inteli.testsupport.TestAgent;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static io.inteli.proxy.testsupport.DepartureAssertions.WAIT;
import static io.inteli.proxy.testsupport.DepartureAssertions.assertExchangeEnded;
import static io.inteli.proxy.testsupport.DepartureAssertions.assertLeavingEndsTheExchange;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that goes away while its backend is silent ends the exchange within a fraction of a second (the target
 * is 250 ms; the assertions allow a loaded machine 1.5 s, against the 60 s read timeout that ended it before): the
 * backend connection is closed, the in-flight counts drop and a drain does not wait. A client that stays, and sends
 * its next request meanwhile, loses nothing.
 */
@Configuration(configSources = "in-process-proxy.properties")
// every door runs this contract on the same proxy settings; each concrete class names its door
@AddConfig(key = "inteli.state-dir", value = ClientDepartureContract.STATE_DIR)
@AddConfig(key = "inteli.secret", value = ClientDepartureContract.SECRET)
@AddConfig(key = "inteli.registry.drain-timeout", value = "30s")
@RemovesBackendsAfterEach
abstract class ClientDepartureContract {
    static final String STATE_DIR = "target/test-state/client-departure";
    static final String SECRET = "client-departure-secret-0123456789";

    @Inject
    BackendRegistry registry;

    @Test
    void aClientLeavingWhileTheBackendIsSilentEndsTheExchangeAndTheDrainDoesNotWait() throws Exception {
        try (SilentBackend backend = new SilentBackend();
             TestAgent agent = TestAgent.register(ControlPlaneClient.controlPort(), Path.of(STATE_DIR), SECRET,
                                                  "silent-1", backend.url());
             Socket client = client()) {
            send(client, "GET /silent HTTP/1.1\r\nHost: h\r\n\r\n");
            backend.assertRequestArrived();
            Backend registered = registry.find("silent-1").orElseThrow();
            assertEquals(1, registered.load().inFlight());

            // the agent stops: its drain waits for the exchange in flight (up to 30 s)
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
                try {
                    agent.stop();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Poll.until("the drain started", WAIT,
                        () -> registry.find("silent-1").map(Backend::draining).orElse(true));
            assertFalse(stopped.isDone(), "the drain waits for the exchange");

            long left = System.nanoTime();
            client.close();
            assertExchangeEnded(backend, registered, left);
            // the drain ends with the exchange, not at its timeout
            stopped.get(5, TimeUnit.SECONDS);
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - left) < 5000);
        }
    }

    @Test
    void aClientLeavingAnEventStreamBetweenEventsEndsTheExchange() throws Exception {
        try (SilentBackend backend = new SilentBackend(); Socket client = client()) {
            Backend registered = registry.register("sse-1", backend.url(), 1, List.of("/"));
            send(client, "GET /sse HTTP/1.1\r\nHost: h\r\n\r\n");
            String got = readUntil(client.getInputStream(), "data: first\n\n");
            assertTrue(got.startsWith("HTTP/1.1 200"), got);
            assertEquals(1, registered.load().inFlight());

            assertLeavingEndsTheExchange(backend, registered, client::close);
        }
    }

    @Test
    void aClientLeavingAfterSendingABodyEndsTheExchange() throws Exception {
        try (SilentBackend backend = new SilentBackend(); Socket client = client()) {
            Backend registered = sendAndAwaitAtBackend(registry, backend, "post-1", client,
                    "POST /silent HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");

            assertLeavingEndsTheExchange(backend, registered, client::close);
        }
    }

    /** HTTP/1.0, HEAD and Expect: 100-continue take the same way. */
    @Test
    void anHttp10OrHeadOrExpectContinueClientLeavingEndsTheExchange() throws Exception {
        String[] requests = {
            "GET /silent HTTP/1.0\r\n\r\n",
            "HEAD /silent HTTP/1.1\r\nHost: h\r\n\r\n",
            "PUT /silent HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok",
        };
        for (String request : requests) {
            try (SilentBackend backend = new SilentBackend(); Socket client = client()) {
                Backend registered = sendAndAwaitAtBackend(registry, backend, "variant", client, request);
                assertLeavingEndsTheExchange(backend, registered, client::close);
                registry.remove(registered, "next variant");
            }
        }
    }

    /**
     * As nginx (with its default {@code proxy_ignore_client_abort off}) and Envoy: the end of the client's stream
     * while it waits for an answer is the client leaving, even when only its sending side is closed.
     */
    @Test
    void aClientHalfClosingAfterItsRequestIsTakenAsLeaving() throws Exception {
        try (SilentBackend backend = new SilentBackend(); Socket client = client()) {
            Backend registered = sendAndAwaitAtBackend(registry, backend, "half-1", client,
                    "GET /silent HTTP/1.1\r\nHost: h\r\n\r\n");

            assertLeavingEndsTheExchange(backend, registered, client::shutdownOutput);
            // nothing is written to a client taken as gone: its connection just closes
            assertEquals(-1, client.getInputStream().read());
        }
    }

    /**
     * The watcher reads the client while the backend is slow: a request sent meanwhile is what it reads, and it must
     * reach the connection's parser whole and in order.
     */
    @Test
    void aRequestSentWhileTheBackendIsSlowIsAnsweredInOrderByteForByte() throws Exception {
        try (SilentBackend backend = new SilentBackend(); Socket client = client()) {
            sendAndAwaitAtBackend(registry, backend, "slow-1", client,
                    "GET /slow/800/first HTTP/1.1\r\nHost: h\r\n\r\n");
            // past the watch's start (100 ms and a 50 ms tick), well before the answer: the watcher's read takes it
            Thread.sleep(400);
            send(client, "GET /slow/10/second HTTP/1.1\r\nHost: h\r\n\r\nGET /slow/0/third HTTP/1.1\r\nHost: h\r\n\r\n");
            InputStream in = client.getInputStream();
            assertEquals("first", bodyOf(in));
            assertEquals("second", bodyOf(in));
            assertEquals("third", bodyOf(in));
            // the connection still carries requests
            send(client, "GET /slow/300/fourth HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("fourth", bodyOf(in));
        }
    }

    /** Two requests in one write: the second is already buffered when the first waits, and then waits itself. */
    @Test
    void pipelinedRequestsBehindASlowAnswerAreAnsweredInOrder() throws Exception {
        try (SilentBackend backend = new SilentBackend(); Socket client = client()) {
            registry.register("pipe-1", backend.url(), 1, List.of("/"));
            send(client, "GET /slow/400/one HTTP/1.1\r\nHost: h\r\n\r\nGET /slow/400/two HTTP/1.1\r\nHost: h\r\n\r\n");
            InputStream in = client.getInputStream();
            assertEquals("one", bodyOf(in));
            assertEquals("two", bodyOf(in));
            send(client, "GET /slow/0/three HTTP/1.1\r\nHost: h\r\n\r\n");
            assertEquals("three", bodyOf(in));
        }
    }

    private static Socket client() throws IOException {
        Socket s = new Socket("127.0.0.1", ControlPlaneClient.dataPort());
        s.setSoTimeout(10_000);
        return s;
    }

    /**
     * Registers {@code backend} as {@code name}, sends {@code request} from {@code client} and waits until it reached
     * the backend, which then stays silent or slow as the request asks.
     */
    static Backend sendAndAwaitAtBackend(BackendRegistry registry, SilentBackend backend, String name, Socket client,
                                         String request) throws Exception {
        Backend registered = registry.register(name, backend.url(), 1, List.of("/"));
        send(client, request);
        backend.assertRequestArrived();
        return registered;
    }

    static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            got.write(b);
            if (got.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
                break;
            }
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    /** One answer with a Content-Length; its body as text, checked to be 200. */
    static String bodyOf(InputStream in) throws IOException {
        String head = readUntil(in, "\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 200 "), head);
        String lower = head.toLowerCase();
        int at = lower.indexOf("content-length: ");
        int length = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)).trim());
        return new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
}
