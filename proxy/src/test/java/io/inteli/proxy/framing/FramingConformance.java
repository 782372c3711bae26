package io.inteli.proxy.framing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.testsupport.RemovesBackendsAfterEach;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The framing conformance table, run against each front door over raw sockets. Each row: the bytes a client sends,
 * what a raw-TCP backend receives (complete requests only, byte for byte), the answer's status line, and whether the
 * connection stays open (proven by a further request answered on it) or is closed by the proxy.
 * Subclasses start the proxy with client-header-timeout and client-body-timeout 400ms and max-body-size 1m.
 */
@Configuration(configSources = "in-process-proxy.properties")
// every door runs this contract on the same proxy settings; each concrete class names its door
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.proxy.max-body-size", value = "1m")
@AddConfig(key = "inteli.proxy.client-header-timeout", value = "400ms")
@AddConfig(key = "inteli.proxy.client-body-timeout", value = "400ms")
@RemovesBackendsAfterEach
abstract class FramingConformance {
    static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n";

    record Row(String name, String request, String statusLine, boolean open, Consumer<List<RecordingBackend.Received>> backend) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Inject
    BackendRegistry registry;
    @Inject
    ServerCdiExtension server;
    RecordingBackend backend;

    @BeforeEach
    void startBackend() throws Exception {
        backend = new RecordingBackend();
        registry.register("rec", backend.url(), 1, List.of("/"));
    }

    @AfterEach
    void stopBackend() throws Exception {
        backend.close();
    }

    static Consumer<List<RecordingBackend.Received>> nothing() {
        return received -> assertEquals(List.of(), received.stream().map(RecordingBackend.Received::requestLine).toList());
    }

    static Consumer<List<RecordingBackend.Received>> exactly(String requestLine, String body) {
        return received -> {
            assertEquals(List.of(requestLine), received.stream().map(RecordingBackend.Received::requestLine).toList());
            assertArrayEquals(body.getBytes(StandardCharsets.ISO_8859_1), received.getFirst().body());
        };
    }

    static Consumer<List<RecordingBackend.Received>> exactly(String requestLine, String body, String header, String value) {
        return exactly(requestLine, body).andThen(received -> assertEquals(value, received.getFirst().header(header)));
    }

    static Row row(String name, String request, String statusLine, boolean open, Consumer<List<RecordingBackend.Received>> backend) {
        return new Row(name, request, statusLine, open, backend);
    }

    static Stream<Row> rows() {
        String capture = "POST /capture HTTP/1.1\r\nHost: h\r\nContent-Length: 150\r\n\r\n";
        String bigLine = "X-Big: " + "b".repeat(20_000) + "\r\n";
        return Stream.of(
                row("Connection naming Content-Length cannot strip the length: the body stays the body",
                    "POST /a HTTP/1.1\r\nHost: h\r\nConnection: Content-Length\r\nContent-Length: " + capture.length()
                            + "\r\n\r\n" + capture,
                    "HTTP/1.1 200 OK", true, exactly("POST /a HTTP/1.1", capture, "Content-Length",
                                                     Integer.toString(capture.length()))),
                row("Connection naming Transfer-Encoding cannot unframe a chunked body",
                    "POST /a HTTP/1.1\r\nHost: h\r\nConnection: Transfer-Encoding\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5\r\nhello\r\n0\r\n\r\n",
                    "HTTP/1.1 200 OK", true, exactly("POST /a HTTP/1.1", "hello")),
                row("Content-Length with Transfer-Encoding is 400 and closes before the body is parsed",
                    "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                            + SMUGGLED,
                    "HTTP/1.1 400 Bad Request", false, nothing()),
                row("differing Content-Lengths are 400 and close",
                    "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd" + SMUGGLED,
                    "HTTP/1.1 400 Bad Request", false, nothing()),
                row("Transfer-Encoding CHUNKED in upper case is chunked",
                    "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: CHUNKED\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                    "HTTP/1.1 200 OK", true, exactly("POST /a HTTP/1.1", "hello")),
                row("chunked followed by identity is 400 and closes",
                    "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + SMUGGLED,
                    "HTTP/1.1 400 Bad Request", false, nothing()),
                row("identity then chunked is 501 and closes",
                    "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: identity, chunked\r\n\r\n0\r\n\r\n" + SMUGGLED,
                    "HTTP/1.1 501 Not Implemented", false, nothing()),
                row("xchunked is 501 and closes",
                    "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + SMUGGLED,
                    "HTTP/1.1 501 Not Implemented", false, nothing()),
                row("gzip is 501 and closes",
                    "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n" + SMUGGLED,
                    "HTTP/1.1 501 Not Implemented", false, nothing()),
                row("two Transfer-Encoding lines are 400 and close",
                    "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "0\r\n\r\n" + SMUGGLED,
                    "HTTP/1.1 400 Bad Request", false, nothing()),
                row("a chunk not followed by CRLF is 400 and closes",
                    "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX0\r\n\r\n" + SMUGGLED,
                    "HTTP/1.1 400 Bad Request", false, nothing()),
                row("a chunk size that is not hex is 400 and closes",
                    "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n" + SMUGGLED,
                    "HTTP/1.1 400 Bad Request", false, nothing()),
                row("chunk extensions are ignored and trailers read",
                    "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nhello\r\n0\r\n"
                            + "X-Trailer: t\r\n\r\n",
                    "HTTP/1.1 200 OK", true, exactly("POST /a HTTP/1.1", "hello")),
                row("a lower-case method is a valid token, forwarded unchanged",
                    "get /lower HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK", true, exactly("get /lower HTTP/1.1", "")),
                row("a method outside HTTP's own (WebDAV PROPFIND) is forwarded unchanged, with its body",
                    "PROPFIND /dav HTTP/1.1\r\nHost: h\r\nDepth: 1\r\nContent-Length: 5\r\n\r\nhello",
                    "HTTP/1.1 200 OK", true, exactly("PROPFIND /dav HTTP/1.1", "hello", "Depth", "1")),
                row("media-type headers the proxy does not read (a malformed Content-Type or Accept) are forwarded",
                    "POST /m HTTP/1.1\r\nHost: h\r\nContent-Type: ;;/;\r\nAccept: */*;q=x, /\r\n"
                            + "Content-Length: 2\r\n\r\nhi",
                    "HTTP/1.1 200 OK", true, exactly("POST /m HTTP/1.1", "hi", "Content-Type", ";;/;")),
                row("an invalid method token is 400 and closes",
                    "G@T / HTTP/1.1\r\nHost: h\r\n\r\n" + SMUGGLED, "HTTP/1.1 400 Bad Request", false, nothing()),
                row("CONNECT is 405 and closes",
                    "CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n" + SMUGGLED,
                    "HTTP/1.1 405 Method Not Allowed", false, nothing()),
                row("TRACE is 405 by default",
                    "TRACE / HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 405 Method Not Allowed", false, nothing()),
                row("dot-segments are resolved before forwarding",
                    "GET /a/b/../c/./d HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK", true,
                    exactly("GET /a/c/d HTTP/1.1", "")),
                row("encoded dot-segments are resolved too",
                    "GET /a/%2e%2E/c HTTP/1.1\r\nHost: h\r\n\r\n", "HTTP/1.1 200 OK", true, exactly("GET /c HTTP/1.1", "")),
                row("a path climbing above the root is 400 and closes",
                    "GET /a/../../etc/passwd HTTP/1.1\r\nHost: h\r\n\r\n" + SMUGGLED, "HTTP/1.1 400 Bad Request", false,
                    nothing()),
                row("an absolute-form target's authority replaces Host",
                    "GET http://example.com:81/p?q=1 HTTP/1.1\r\nHost: other\r\n\r\n", "HTTP/1.1 200 OK", true,
                    exactly("GET /p?q=1 HTTP/1.1", "", "Host", "example.com:81")),
                row("obs-text in a header value passes unchanged",
                    "GET /o HTTP/1.1\r\nHost: h\r\nX-Obs: caf\u00e9\r\n\r\n", "HTTP/1.1 200 OK", true,
                    exactly("GET /o HTTP/1.1", "", "X-Obs", "caf\u00e9")),
                row("a header section over the limit is 431 with its reason phrase and closes",
                    "GET / HTTP/1.1\r\nHost: h\r\n" + bigLine + "\r\n" + SMUGGLED,
                    "HTTP/1.1 431 Request Header Fields Too Large", false, nothing()),
                row("a request line over the limit is 414 and closes",
                    "GET /" + "u".repeat(10_000) + " HTTP/1.1\r\nHost: h\r\n\r\n" + SMUGGLED, "HTTP/1.1 414 URI Too Long",
                    false, nothing()),
                row("a body over max-body-size is 413 and closes, its contents never parsed",
                    "POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n" + SMUGGLED,
                    "HTTP/1.1 413 Content Too Large", false, nothing()),
                row("the client's Connection: close closes after the answer",
                    "GET /c HTTP/1.1\r\nHost: h\r\nConnection: keep-alive, CLOSE\r\n\r\n" + SMUGGLED, "HTTP/1.1 200 OK",
                    false, exactly("GET /c HTTP/1.1", "")),
                row("HTTP/1.0 is served and closed",
                    "GET /old HTTP/1.0\r\n\r\n" + SMUGGLED, "HTTP/1.1 200 OK", false, exactly("GET /old HTTP/1.1", "")),
                row("HTTP/1.0 with keep-alive stays open",
                    "GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", "HTTP/1.1 200 OK", true,
                    exactly("GET /old HTTP/1.1", "")),
                row("HTTP/1.1 without Host is 400 and closes",
                    "GET / HTTP/1.1\r\n\r\n" + SMUGGLED, "HTTP/1.1 400 Bad Request", false, nothing()),
                row("a field name with a space before the colon is 400 and closes",
                    "GET / HTTP/1.1\r\nHost: h\r\nX-A : b\r\n\r\n" + SMUGGLED, "HTTP/1.1 400 Bad Request", false,
                    nothing()),
                row("an HTTP/2.0 request line is 505 and closes",
                    "GET / HTTP/2.0\r\nHost: h\r\n\r\n" + SMUGGLED, "HTTP/1.1 505 HTTP Version Not Supported", false,
                    nothing()));
    }

    /** Every row, on every front door. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void row(Row row) throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send(row.request());
            RawClient.Response answer = client.read(row.request().startsWith("HEAD"));
            assertNotNull(answer, "an answer");
            assertEquals(row.statusLine(), answer.statusLine(), answer.head());
            assertFalse(answer.bodyText().contains("Exception"), answer.bodyText());
            if (row.open()) {
                client.send("GET /probe HTTP/1.1\r\nHost: h\r\n\r\n");
                RawClient.Response probe = client.read();
                assertNotNull(probe, "the connection stays open");
                assertEquals(200, probe.status());
                assertTrue(probe.bodyText().endsWith("GET /probe HTTP/1.1"), probe.bodyText());
                List<RecordingBackend.Received> received = backend.received();
                row.backend().accept(received.subList(0, received.size() - 1));
            } else {
                assertTrue(client.closedByServer(), "the proxy closes the connection");
                // whatever was after the refused head had its chance to reach the backend: it must not have
                Thread.sleep(100);
                row.backend().accept(backend.received());
            }
        }
    }

    // ---- rows that need time or volume

    @org.junit.jupiter.api.Test
    void aSilentRequestHeadGets408AndIsClosed() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            long start = System.nanoTime();
            client.send("GET /slow HTTP/1.1\r\nHost: h\r\n");
            RawClient.Response answer = client.read();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertNotNull(answer);
            assertEquals("HTTP/1.1 408 Request Timeout", answer.statusLine());
            assertTrue(millis >= 350 && millis < 4000, millis + " ms");
            assertTrue(client.closedByServer());
        }
        nothing().accept(backend.received());
    }

    @org.junit.jupiter.api.Test
    void aSilentRequestBodyGets408AndNothingIncompleteReachesTheBackend() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("POST /slow HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");
            RawClient.Response answer = client.read();
            assertNotNull(answer);
            assertEquals("HTTP/1.1 408 Request Timeout", answer.statusLine());
            assertTrue(client.closedByServer());
        }
        nothing().accept(backend.received());
    }

    @org.junit.jupiter.api.Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("GET /one HTTP/1.1\r\nHost: h\r\n\r\nPOST /two HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                                + "GET /three HTTP/1.1\r\nHost: h\r\n\r\n");
            assertTrue(client.read().bodyText().endsWith("GET /one HTTP/1.1"));
            assertTrue(client.read().bodyText().endsWith("POST /two HTTP/1.1"));
            assertTrue(client.read().bodyText().endsWith("GET /three HTTP/1.1"));
        }
        assertEquals(List.of("GET /one HTTP/1.1", "POST /two HTTP/1.1", "GET /three HTTP/1.1"),
                     backend.received().stream().map(RecordingBackend.Received::requestLine).toList());
        assertArrayEquals("abc".getBytes(StandardCharsets.ISO_8859_1), backend.received().get(1).body());
    }

    @org.junit.jupiter.api.Test
    void aHugeChunkSizeLineIsRefusedWithoutBeingBuffered() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("POST /huge HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] ones = new byte[1 << 20];
            java.util.Arrays.fill(ones, (byte) '1');
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 64; i++) {
                        client.send(ones);
                    }
                } catch (java.io.IOException expected) {
                    // the proxy closed the connection long before 64 MiB
                }
            });
            RawClient.Response answer;
            try {
                answer = client.read();
            } catch (java.io.IOException reset) {
                answer = null;
            }
            if (answer != null) {
                assertEquals("HTTP/1.1 400 Bad Request", answer.statusLine());
            }
            writer.join(10_000);
            assertFalse(writer.isAlive(), "the proxy stopped reading the line");
        }
        nothing().accept(backend.received());
    }

    /**
     * The body timeout measures the client's silence: a client told to wait for 100 Continue is not silent by its own
     * fault while the proxy is still getting a backend (here: a first backend whose accept queue is full, so the
     * connect hangs until connect-timeout, 2 s, then the request goes to the next one).
     */
    @org.junit.jupiter.api.Test
    void aClientAwaiting100ContinueIsNotTimedOutWhileTheProxyWaitsForABackend() throws Exception {
        List<java.net.Socket> fillers = new java.util.ArrayList<>();
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            try {
                for (int i = 0; i < 4; i++) {
                    java.net.Socket s = new java.net.Socket();
                    fillers.add(s);
                    s.connect(full.getLocalSocketAddress(), 300);
                }
            } catch (java.net.SocketTimeoutException queueFull) {
                // from now on a connect to it waits
            }
            for (Backend b : registry.snapshot().all()) {
                registry.remove(b, "reordered");
            }
            registry.register("full", java.net.URI.create("http://127.0.0.1:" + full.getLocalPort()), 1, List.of("/"));
            registry.register("rec", backend.url(), 1, List.of("/"));
            try (RawClient client = new RawClient(server.port())) {
                long start = System.nanoTime();
                client.send("POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
                RawClient.Response interim = client.read();
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals("HTTP/1.1 100 Continue", interim.statusLine(), interim.head());
                assertTrue(millis >= 400, "the proxy waited longer than the body timeout: " + millis + " ms");
                client.send("hello");
                assertEquals(200, client.read().status());
            }
            exactly("POST /e HTTP/1.1", "hello").accept(backend.received());
        } finally {
            for (java.net.Socket s : fillers) {
                s.close();
            }
        }
    }

    @org.junit.jupiter.api.Test
    void anAnswerWithoutContentTypeGetsNoneOnTheWay() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("GET /untyped HTTP/1.1\r\nHost: h\r\nAccept: text/html\r\n\r\n");
            RawClient.Response answer = client.read();
            assertEquals(200, answer.status(), answer.head());
            assertEquals(null, answer.header("Content-Type"), answer.head());
        }
    }

    @org.junit.jupiter.api.Test
    void expectContinueGets100BeforeTheBodyIsSent() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            client.send("POST /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            RawClient.Response interim = client.read();
            assertEquals("HTTP/1.1 100 Continue", interim.statusLine());
            client.send("hello");
            RawClient.Response answer = client.read();
            assertEquals(200, answer.status());
        }
        exactly("POST /e HTTP/1.1", "hello").accept(backend.received());
    }
}
