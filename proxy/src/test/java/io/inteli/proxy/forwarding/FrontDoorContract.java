package io.inteli.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.inteli.proxy.Digests;
import io.inteli.proxy.http2.DataPlaneJaxRsApplication;
import io.inteli.proxy.http2.NativeFrontDoor;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendState;
import io.inteli.proxy.registry.BackendStats;
import io.inteli.proxy.registry.RegistryListener;
import jakarta.enterprise.inject.spi.CDI;
import org.eclipse.microprofile.metrics.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The data plane's contract, run against each front door by a subclass that starts the proxy with
 * {@code inteli.proxy.front-door} set. Backends are real servers on 127.0.0.1, added through the real registry.
 * Subclasses start it with: sticky cookie STICKY, read timeout 700ms, connect timeout 500ms, eject for 300ms,
 * max body 1m, access log on.
 */
abstract class FrontDoorContract extends FrontDoorContractSupport {

    // ---- exactness

    @Test
    void forwardsMethodRawPathAndQueryByteForByte() throws Exception {
        register(backend("a"));
        String target = "/a%2Fb/c%20d;m=1/%7e?q=%41+b&x=%2f&&y&z=1=2";
        String head = RawHttp.exchange(port(), "GET " + target + " HTTP/1.1\r\nHost: example.org\r\nConnection: close\r\n\r\n");
        assertEquals(200, RawHttp.status(head), head);
        assertTrue(head.contains("X-echo-target: " + target) || head.contains("X-Echo-Target: " + target), head);
    }

    @Test
    void forwardsEveryMethodAndTheRequestBody() throws Exception {
        register(backend("a"));
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/m"))
                    .method(method, HttpRequest.BodyPublishers.ofString("body of " + method)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), method);
            assertEquals(method, r.headers().firstValue("X-Echo-Method").orElseThrow());
            assertTrue(r.body().endsWith("\n\nbody of " + method), r.body());
        }
        HttpResponse<String> options = http.send(HttpRequest.newBuilder(uri("/m"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("OPTIONS", options.headers().firstValue("X-Echo-Method").orElseThrow());
    }

    @Test
    void streamsFixedLengthAndChunkedUploadsAndALargeDownloadByteExact() throws Exception {
        register(backend("a"));
        byte[] upload = new byte[900 * 1024];
        for (int i = 0; i < upload.length; i++) {
            upload[i] = (byte) (i * 7);
        }
        HttpResponse<String> fixed = http.send(HttpRequest.newBuilder(uri("/up")).header("X-Reply-Digest", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, fixed.statusCode());
        assertEquals(Digests.sha256(new java.io.ByteArrayInputStream(upload)), fixed.body());
        // ofInputStream: no length known, so the client sends it chunked
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/up")).header("X-Reply-Digest", "1")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(upload))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(Digests.sha256(new java.io.ByteArrayInputStream(upload)),
                     r.body());

        long size = 8L * 1024 * 1024 + 13;
        HttpResponse<InputStream> down = http.send(HttpRequest.newBuilder(uri("/down"))
                .header("X-Reply-Bytes", Long.toString(size)).build(), HttpResponse.BodyHandlers.ofInputStream());
        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        TestBackend.writePattern(expected, size);
        try (InputStream in = down.body()) {
            assertEquals(Digests.sha256(new java.io.ByteArrayInputStream(expected.toByteArray())), Digests.sha256(in));
        }
    }

    @Test
    void answersOnBothSidesOfTheWholeBodyLimitByteExact() throws Exception {
        register(backend("a"));
        for (long size : new long[] {1, Forwarder.WHOLE_BODY_LIMIT - 1, Forwarder.WHOLE_BODY_LIMIT,
                Forwarder.WHOLE_BODY_LIMIT + 1}) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri("/sized"))
                    .header("X-Reply-Bytes", Long.toString(size)).header("X-Reply-Fixed-Length", "1").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            TestBackend.writePattern(expected, size);
            assertEquals(200, r.statusCode());
            assertEquals(Long.toString(size), r.headers().firstValue("Content-Length").orElseThrow());
            assertArrayEquals(expected.toByteArray(), r.body(), "body of " + size + " bytes");
        }
    }

    // ---- headers

    @Test
    void stripsHopByHopRequestHeadersAndTheNamesConnectionLists() throws Exception {
        register(backend("a"));
        String head = "GET /h HTTP/1.1\r\nHost: h.example\r\nConnection: close, X-Secret\r\nX-Secret: s\r\n"
                + "Keep-Alive: timeout=5\r\nProxy-Authorization: Basic eA==\r\nTE: trailers\r\nUpgrade: h2c\r\n"
                + "Trailer: X-T\r\nX-Kept: yes\r\n\r\n";
        Map<String, List<String>> seen = echoed(bodyOf(port(), head));
        for (String gone : List.of("x-secret", "keep-alive", "proxy-authorization", "te", "upgrade", "trailer")) {
            assertFalse(seen.containsKey(gone), gone + " was forwarded: " + seen);
        }
        assertEquals(List.of("yes"), seen.get("x-kept"));
    }

    @Test
    void setsForwardedHeadersAndKeepsTheClientHost() throws Exception {
        register(backend("a"));
        HttpResponse<String> r = get("/f", "X-Forwarded-For", "203.0.113.9", "Forwarded", "for=203.0.113.9",
                                     "Via", "1.0 first");
        Map<String, List<String>> seen = echoed(r.body());
        assertEquals(List.of("203.0.113.9, 127.0.0.1"), seen.get("x-forwarded-for"));
        assertEquals(List.of("http"), seen.get("x-forwarded-proto"));
        assertEquals(List.of("127.0.0.1:" + port()), seen.get("x-forwarded-host"));
        assertEquals(List.of(Integer.toString(port())), seen.get("x-forwarded-port"));
        assertEquals(List.of("for=203.0.113.9, for=127.0.0.1;proto=http;host=\"127.0.0.1:" + port() + "\""),
                     seen.get("forwarded"));
        assertEquals(List.of("1.0 first, 1.1 inteli"), seen.get("via"));
        assertEquals(List.of("127.0.0.1:" + port()), seen.get("host"));
    }

    @Test
    void keepsEverySetCookieAndStripsHopByHopResponseHeaders() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = raw.accept()) {
                    RawHttp.readHead(s.getInputStream());
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nSet-Cookie: a=1; Path=/\r\nSet-Cookie: b=2\r\n"
                            + "Connection: X-Hop\r\nX-Hop: secret\r\nKeep-Alive: timeout=4\r\nX-End: kept\r\n"
                            + "Content-Length: 2\r\n\r\nok").getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException ignored) {
                    // the test fails on the client side
                }
            });
            registry.register("raw", URI.create("http://127.0.0.1:" + raw.getLocalPort()), 1, List.of("/"));
            HttpResponse<String> r = get("/c");
            assertEquals(200, r.statusCode());
            assertEquals("ok", r.body());
            List<String> cookies = r.headers().allValues("Set-Cookie");
            assertTrue(cookies.contains("a=1; Path=/") && cookies.contains("b=2"), cookies.toString());
            assertEquals("kept", r.headers().firstValue("X-End").orElseThrow());
            assertTrue(r.headers().firstValue("X-Hop").isEmpty(), r.headers().toString());
            assertTrue(r.headers().firstValue("Keep-Alive").isEmpty(), r.headers().toString());
        }
    }

    @Test
    void headAnd204And304HaveNoBody() throws Exception {
        register(backend("a"));
        HttpResponse<String> head = http.send(HttpRequest.newBuilder(uri("/x"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals("HEAD", head.headers().firstValue("X-Echo-Method").orElseThrow());
        for (String status : List.of("204", "304")) {
            HttpResponse<String> r = get("/x", "X-Reply-Status", status);
            assertEquals(Integer.parseInt(status), r.statusCode());
            assertEquals("", r.body());
        }
    }

    @Test
    void prefixesTheBackendsBasePath() throws Exception {
        TestBackend a = backend("a");
        registry.register("a", a.url("/base/"), 1, List.of("/"));
        HttpResponse<String> r = get("/x/y?z=1");
        assertEquals("/base/x/y?z=1", r.headers().firstValue("X-Echo-Target").orElseThrow());
    }

    @Test
    void preserveHostIsTheDefault() throws Exception {
        register(backend("a"));
        String body = bodyOf(port(), "GET / HTTP/1.1\r\nHost: client.example:81\r\n\r\n");
        assertEquals(List.of("client.example:81"), echoed(body).get("host"));
    }

    // ---- routing and balancing

    @Test
    void routesToTheLongestMatchingPrefix() throws Exception {
        register(backend("root"), "/");
        register(backend("api"), "/api");
        register(backend("v2"), "/api/v2");
        assertEquals("v2", get("/api/v2/x").headers().firstValue("X-Backend").orElseThrow());
        assertEquals("api", get("/api/v1").headers().firstValue("X-Backend").orElseThrow());
        assertEquals("api", get("/api").headers().firstValue("X-Backend").orElseThrow());
        assertEquals("root", get("/apix").headers().firstValue("X-Backend").orElseThrow());
    }

    @Test
    void noMatchingRouteIsNoBackend() throws Exception {
        register(backend("api"), "/api");
        assertEquals(403, get("/other").statusCode());
    }

    @Test
    void roundRobinSharesRequestsEvenly() throws Exception {
        TestBackend a = backend("a");
        TestBackend b = backend("b");
        register(a);
        register(b);
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get("/rr").statusCode());
        }
        assertEquals(5, a.requests());
        assertEquals(5, b.requests());
    }

    @Test
    void stickyCookieKeepsTheBackendAndFailsOverWithAFreshCookie() throws Exception {
        TestBackend a = backend("a");
        TestBackend b = backend("b");
        Backend ra = register(a);
        Backend rb = register(b);
        HttpResponse<String> first = get("/s");
        String cookie = first.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("STICKY="))
                .findFirst().orElseThrow();
        String token = cookie.substring("STICKY=".length(), cookie.indexOf(';'));
        assertFalse(token.contains("127.0.0.1") || token.contains(String.valueOf(a.url().getPort())), token);
        String pinned = first.headers().firstValue("X-Backend").orElseThrow();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = get("/s", "Cookie", "other=1; STICKY=" + token);
            assertEquals(pinned, r.headers().firstValue("X-Backend").orElseThrow());
            assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), "no new cookie while pinned");
        }
        registry.setReady(pinned.equals("a") ? ra : rb, false, "test");
        HttpResponse<String> moved = get("/s", "Cookie", "STICKY=" + token);
        String other = pinned.equals("a") ? "b" : "a";
        assertEquals(other, moved.headers().firstValue("X-Backend").orElseThrow());
        String fresh = moved.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(fresh.startsWith("STICKY=") && !fresh.contains(token), fresh);
    }

    // ---- failures

    @Test
    void noBackendAnswers403ByDefault() throws Exception {
        assertEquals(403, get("/nothing").statusCode());
    }

    @Test
    void drainingAndNotReadyBackendsGetNoRequests() throws Exception {
        TestBackend a = backend("a");
        Backend ra = register(a);
        registry.startDraining(ra, "test");
        assertEquals(403, get("/d").statusCode());
        assertEquals(0, a.requests());
    }

    @Test
    void connectFailureIsRetriedOnAnotherBackend() throws Exception {
        registry.register("dead", URI.create("http://127.0.0.1:" + closedPort()), 1, List.of("/"));
        TestBackend live = backend("live");
        register(live);
        double retriesBefore = metrics.counter(ProxyMetrics.RETRIES).getCount();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/retry"))
                    .POST(HttpRequest.BodyPublishers.ofString("not idempotent, but nothing was sent")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("live", r.headers().firstValue("X-Backend").orElseThrow());
        }
        assertTrue(metrics.counter(ProxyMetrics.RETRIES).getCount() > retriesBefore);
    }

    @Test
    void connectFailureEjectsTheBackendUntilTheCoolDownEnds() throws Exception {
        List<BackendState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        RegistryListener listener = (event, snapshot) -> {
            if (event.backend().id().equals("dead")) {
                states.add(event.backend().state());
            }
        };
        registry.addListener(listener);
        try {
            Backend dead = registry.register("dead", URI.create("http://127.0.0.1:" + closedPort()), 1, List.of("/"));
            register(backend("live"));
            long ejectionsBefore = metrics.counter(ProxyMetrics.EJECTIONS).getCount();
            get("/x");
            get("/x");
            // eject-after 1 (default), eject-for 300ms: out after one failure, back by itself
            await("ejected, then back", () -> states.equals(List.of(BackendState.ACTIVE, BackendState.EJECTED,
                                                                      BackendState.ACTIVE)));
            assertEquals(dead.registration(), registry.find("dead").orElseThrow().registration());
            assertTrue(registry.find("dead").orElseThrow().routable());
            assertEquals(ejectionsBefore + 1, metrics.counter(ProxyMetrics.EJECTIONS).getCount());
        } finally {
            registry.removeListener(listener);
        }
    }

    @Test
    void connectFailureWithoutAnotherBackendIs502() throws Exception {
        registry.register("dead", URI.create("http://127.0.0.1:" + closedPort()), 1, List.of("/"));
        assertEquals(502, get("/x").statusCode());
    }

    @Test
    void backendClosingWithoutAnswerIs502() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!raw.isClosed()) {
                    try (Socket s = raw.accept()) {
                        RawHttp.readHead(s.getInputStream());
                        s.getOutputStream().write("garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    } catch (IOException ignored) {
                        return;
                    }
                }
            });
            registry.register("rude", URI.create("http://127.0.0.1:" + raw.getLocalPort()), 1, List.of("/"));
            assertEquals(502, get("/x").statusCode());
        }
    }

    @Test
    void idempotentRequestIsRetriedAfterABackendErrorWithoutAnswer() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!raw.isClosed()) {
                    try (Socket s = raw.accept()) {
                        RawHttp.readHead(s.getInputStream());
                    } catch (IOException ignored) {
                        return;
                    }
                }
            });
            registry.register("closes", URI.create("http://127.0.0.1:" + raw.getLocalPort()), 1, List.of("/"));
            register(backend("live"));
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> r = get("/idempotent");
                assertEquals(200, r.statusCode());
                assertEquals("live", r.headers().firstValue("X-Backend").orElseThrow());
            }
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/not-idempotent"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> post2 = http.send(HttpRequest.newBuilder(uri("/not-idempotent"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            // round robin: one of the two POSTs went to the backend that closes, and is not sent again
            assertEquals(List.of(200, 502), java.util.stream.Stream.of(post, post2).map(HttpResponse::statusCode)
                    .sorted().toList());
        }
    }

    @Test
    void noAnswerWithinTheReadTimeoutIs504() throws Exception {
        TestBackend slow = backend("slow");
        register(slow);
        HttpResponse<String> r = get("/slow", "X-Reply-Hold", "1");
        assertEquals(504, r.statusCode());
        slow.release();
    }

    @Test
    void aBackendThatClosesInsideASmallBodyIs502() throws Exception {
        assertEquals(502, statusThroughRawBackend(CUT_SHORT, true));
    }

    @Test
    void aBackendThatStallsInsideASmallBodyIs504() throws Exception {
        assertEquals(504, statusThroughRawBackend(CUT_SHORT, false));
    }

    private static final String CUT_SHORT = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b";

    private int statusThroughRawBackend(String answer, boolean close) throws Exception {
        try (ServerSocket raw = rawBackend(answer, close)) {
            registry.register("raw", URI.create("http://127.0.0.1:" + raw.getLocalPort()), 1, List.of("/"));
            return get("/raw").statusCode();
        }
    }

    /** A backend that reads a request head, writes {@code answer}, then closes or keeps the connection open. */
    private static ServerSocket rawBackend(String answer, boolean close) throws IOException {
        ServerSocket raw = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            List<Socket> open = new java.util.ArrayList<>();
            try {
                while (!raw.isClosed()) {
                    Socket s = raw.accept();
                    RawHttp.readHead(s.getInputStream());
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    if (close) {
                        s.close();
                    } else {
                        open.add(s);
                    }
                }
            } catch (IOException ignored) {
                // closed by the test
            } finally {
                for (Socket s : open) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // nothing to do
                    }
                }
            }
        });
        return raw;
    }

    // ---- bad requests

    @Test
    void headerSectionOverTheLimitIs431() throws Exception {
        TestBackend a = backend("a");
        register(a);
        String big = "X-Big: " + "b".repeat(20_000) + "\r\n";
        int status = RawHttp.status(RawHttp.exchange(port(), "GET / HTTP/1.1\r\nHost: h\r\n" + big + "\r\n"));
        assertEquals(431, status);
        assertEquals(0, a.requests());
    }

    @Test
    void uriOverTheLimitIs414() throws Exception {
        TestBackend a = backend("a");
        register(a);
        String path = "/" + "u".repeat(10_000);
        int status = RawHttp.status(RawHttp.exchange(port(), "GET " + path + " HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals(414, status);
        assertEquals(0, a.requests());
    }

    @Test
    void contentLengthWithTransferEncodingIs400AndNotForwarded() throws Exception {
        TestBackend a = backend("a");
        register(a);
        String head = RawHttp.exchange(port(), "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n");
        assertEquals(400, RawHttp.status(head), head);
        assertEquals(0, a.requests());
    }

    @Test
    void differingContentLengthsAre400AndNotForwarded() throws Exception {
        TestBackend a = backend("a");
        register(a);
        String head = RawHttp.exchange(port(), "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n"
                + "Content-Length: 4\r\n\r\nabcd");
        assertEquals(400, RawHttp.status(head), head);
        String padded = RawHttp.exchange(port(), "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 4, 04\r\n\r\nabcd");
        assertEquals(400, RawHttp.status(padded), padded);
        assertEquals(0, a.requests());
    }

    /**
     * A client that keeps sending a body over max-body-size gets the whole 413, then the end of the connection: the
     * proxy reads and drops the rest (lingering close) instead of closing on unread bytes, which resets the
     * connection and can destroy the answer before the client reads it.
     */
    @Test
    void aClientStillSendingAnOversizedBodyReads413ThenTheEndNotAReset() throws Exception {
        TestBackend a = backend("a");
        register(a);
        for (int round = 0; round < 5; round++) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port())) {
                socket.setSoTimeout(10_000);
                byte[] chunk = new byte[64 * 1024];
                java.io.OutputStream out = socket.getOutputStream();
                out.write(("POST /big HTTP/1.1\r\nHost: h\r\nContent-Length: " + (4 * 1024 * 1024)
                        + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                // the whole body first, the answer read only after: a proxy that closes on unread bytes resets the
                // connection meanwhile, and the answer waiting in the client's buffer is lost with it
                try {
                    for (int i = 0; i < 64; i++) {
                        out.write(chunk);
                    }
                } catch (IOException reset) {
                    throw new AssertionError("the proxy reset the connection while the body was sent", reset);
                }
                byte[] answer = socket.getInputStream().readAllBytes();
                String text = new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertEquals(413, RawHttp.status(text), text);
                int bodyStart = text.indexOf("\r\n\r\n") + 4;
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)")
                        .matcher(text);
                assertTrue(length.find(), text);
                assertEquals(Integer.parseInt(length.group(1)), answer.length - bodyStart, "the whole answer: " + text);
            }
        }
        assertEquals(0, a.requests());
    }

    @Test
    void bodyOverMaxBodySizeIs413() throws Exception {
        TestBackend a = backend("a");
        register(a);
        byte[] body = new byte[1024 * 1024 + 1];
        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(uri("/big"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, declared.statusCode());
        assertEquals(0, a.requests());
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(uri("/big"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode());
    }

    // ---- figures

    @Test
    void countsRequestsPerBackendInMetricsStatsAndTheAccessLog() throws Exception {
        // a name of its own: metrics live as long as the container, across tests
        Backend a = register(backend("figures"));
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        AccessLog.LOGGER.addHandler(handler);
        try {
            assertEquals(200, get("/counted?x=1").statusCode());
            assertEquals(500, get("/counted", "X-Reply-Status", "500").statusCode());
            // figures are recorded once an answer has gone out, so just after the client has it
            await("both requests are logged",
                  () -> logged.stream().filter(line -> line.contains(" figures ")).count() == 2);
        } finally {
            AccessLog.LOGGER.removeHandler(handler);
        }
        Tag backendTag = new Tag("backend", "figures");
        await("both requests are timed", () -> metrics.timer(ProxyMetrics.LATENCY, backendTag).getCount() == 2);
        assertEquals(1, metrics.counter(ProxyMetrics.REQUESTS, backendTag, new Tag("status_class", "5xx")).getCount());
        assertEquals(1, metrics.counter(ProxyMetrics.REQUESTS, backendTag, new Tag("status_class", "2xx")).getCount());
        BackendStats.Window window = a.load().stats().lastMinute();
        assertEquals(2, window.requests());
        assertEquals(1, window.errors());
        assertTrue(window.p99().isPresent());
        assertTrue(logged.stream().anyMatch(line -> line.contains("\"GET /counted?x=1\" 200") && line.contains(" figures ")),
                   logged.toString());
    }

    @Test
    void onlyTheChosenFrontDoorIsActive() {
        boolean jaxrs = expectedFrontDoor() == ProxySettings.FrontDoor.JAXRS;
        assertEquals(jaxrs, CDI.current().select(NativeFrontDoor.class).isUnsatisfied());
        assertEquals(!jaxrs, CDI.current().select(JaxRsFrontDoor.class).isUnsatisfied());
        assertEquals(!jaxrs, CDI.current().select(DataPlaneJaxRsApplication.class).isUnsatisfied());
    }

    abstract ProxySettings.FrontDoor expectedFrontDoor();
}
