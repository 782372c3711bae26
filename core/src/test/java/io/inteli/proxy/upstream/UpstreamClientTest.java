package io.inteli.proxy.upstream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.testsupport.Poll;
import io.inteli.proxy.upstream.ScriptedBackend.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpstreamClientTest {
    private static final List<HeaderLine> HOST = List.of(new HeaderLine("Host", "example.test"));
    private static final String OK_HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    private final ScriptedBackend backend = new ScriptedBackend();
    private UpstreamClient client = client(Duration.ofSeconds(10), Duration.ofSeconds(4));

    UpstreamClientTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        backend.close();
    }

    private static UpstreamClient client(Duration readTimeout, Duration idleTimeout) {
        try {
            return new UpstreamClient(Duration.ofSeconds(2), readTimeout, 8192,
                                      javax.net.ssl.SSLContext.getDefault(), idleTimeout);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private BackendResponse get(String target) throws IOException {
        return client.exchange(backend.url(), "GET", target, HOST, null, -1);
    }

    private static String text(BackendResponse response) throws IOException {
        try (response) {
            return new String(response.body().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void writesTheTargetAndHeadersExactlyAndReusesTheConnection() throws Exception {
        backend.reply(Reply.of(OK_HELLO), Reply.of(OK_HELLO));
        List<HeaderLine> headers = List.of(new HeaderLine("Host", "example.test"), new HeaderLine("X-A", "1"),
                                           new HeaderLine("X-A", "2"));
        BackendResponse first = client.exchange(backend.url(), "GET", "/a%2Fb;p=1?q=%41&r", headers, null, -1);
        assertEquals(200, first.status());
        assertEquals("hello", text(first));
        assertEquals("hello", text(get("/second")));

        assertEquals("GET /a%2Fb;p=1?q=%41&r HTTP/1.1\r\nHost: example.test\r\nX-A: 1\r\nX-A: 2\r\n\r\n",
                     backend.requests().get(0));
        assertEquals(1, backend.accepted(), "one keep-alive connection for both");
    }

    @Test
    void sendsADeclaredLengthBodyAsItIsAndAnUnknownLengthOneChunked() throws Exception {
        backend.reply(Reply.of(OK_HELLO), Reply.of(OK_HELLO));
        List<HeaderLine> withLength = List.of(new HeaderLine("Host", "h"), new HeaderLine("Content-Length", "3"));
        text(client.exchange(backend.url(), "POST", "/", withLength, new ByteArrayInputStream("abc".getBytes()), 3));
        text(client.exchange(backend.url(), "POST", "/", HOST, new ByteArrayInputStream("abcdef".getBytes()), -1));

        assertEquals("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc", backend.requests().get(0));
        assertEquals("POST / HTTP/1.1\r\nHost: example.test\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n0\r\n\r\n", backend.requests().get(1));
    }

    @Test
    void decodesAChunkedResponseDropsItsTrailersAndReusesTheConnection() throws Exception {
        backend.reply(Reply.of("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                       + "5;ext=1\r\nhello\r\n1\r\n!\r\n0\r\nX-Trailer: t\r\n\r\n"),
                      Reply.of(OK_HELLO));
        assertEquals("hello!", text(get("/")));
        assertEquals("hello", text(get("/")));
        assertEquals(1, backend.accepted());
    }

    @Test
    void readsABodyWithoutLengthUntilCloseAndDoesNotPoolThatConnection() throws Exception {
        backend.reply(Reply.closing("HTTP/1.1 200 OK\r\n\r\nuntil close"), Reply.of(OK_HELLO));
        assertEquals("until close", text(get("/")));
        assertEquals("hello", text(get("/")));
        assertEquals(2, backend.accepted());
    }

    @Test
    void doesNotReuseAConnectionTheBackendSaidItCloses() throws Exception {
        backend.reply(Reply.closing("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"),
                      Reply.closing("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"), Reply.of(OK_HELLO));
        assertEquals("ok", text(get("/")));
        assertEquals("ok", text(get("/")));
        assertEquals("hello", text(get("/")));
        assertEquals(3, backend.accepted());
    }

    @Test
    void skipsInterimResponses() throws Exception {
        backend.reply(Reply.of("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + OK_HELLO));
        BackendResponse response = get("/");
        assertEquals(200, response.status());
        assertEquals("hello", text(response));
    }

    @Test
    void headAnd204And304AnswersHaveNoBodyWhateverTheirLength() throws Exception {
        backend.reply(Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"),
                      Reply.of("HTTP/1.1 204 No Content\r\n\r\n"),
                      Reply.of("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n"),
                      Reply.of(OK_HELLO));
        BackendResponse head = client.exchange(backend.url(), "HEAD", "/", HOST, null, -1);
        assertEquals(5, head.advertisedLength(), "the length a GET would have had is passed on");
        assertEquals(false, head.hasBody());
        assertEquals("", text(head));
        assertEquals("", text(get("/")));
        assertEquals("", text(get("/")));
        assertEquals("hello", text(get("/")));
        assertEquals(1, backend.accepted());
    }

    @Test
    void trimsOptionalWhitespaceAroundHeaderValuesAndKeepsItInside() throws Exception {
        backend.reply(Reply.of("HTTP/1.1 200 OK\r\nX-A: \t a \t b \t\r\nX-B:c\r\nX-C: \r\nContent-Length: 0\r\n\r\n"));
        try (BackendResponse response = get("/")) {
            assertEquals(List.of(new HeaderLine("X-A", "a \t b"), new HeaderLine("X-B", "c"), new HeaderLine("X-C", "")),
                         response.headers(), "framing fields are not among the headers");
            assertEquals(0, response.length());
        }
    }

    @Test
    void refusesResponsesThatCannotBeFramedOrReadSafely() throws Exception {
        String[] invalid = {
                "HTTP/1.1 2000 OK\r\n\r\n",
                "HTTP/2 200 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n",
                "HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n",
                "HTTP/1.1 200 OK\r\nX-Split: a\rSet-Cookie: evil\r\n\r\n",
                // a control character at the end of a value is refused, not trimmed away as whitespace
                "HTTP/1.1 200 OK\r\nX-A: a\u000b\r\n\r\n",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
                // the same number, written differently: refused like the request side refuses it
                "HTTP/1.1 200 OK\r\nContent-Length: 5, 05\r\n\r\nhello",
                "HTTP/1.1 200 OK\r\nX-Big: " + "x".repeat(9000) + "\r\n\r\n",
        };
        for (String reply : invalid) {
            backend.reply(Reply.of(reply));
            IOException e = assertThrows(IOException.class, () -> text(get("/")), reply);
            assertTrue(e.getMessage().startsWith("backend sent an invalid response"), e.getMessage());
        }
        assertEquals(0, client.idleConnections(), "no broken connection is pooled");
    }

    @Test
    void aBodyCutShortOrMisframedIsAnErrorAndItsConnectionIsClosed() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        Reply[] replies = {
                Reply.closing("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"),
                Reply.closing(chunked + "5\r\nhel"),
                Reply.of(chunked + "zz\r\n"),
                Reply.of(chunked + "5\r\nhelloXY\r\n0\r\n\r\n"),
                Reply.of(chunked + "5;" + "e".repeat(5000) + "\r\nhello\r\n0\r\n\r\n"),
                Reply.of(chunked + "0\r\n" + "X-T: 1\r\n".repeat(101) + "\r\n"),
        };
        backend.reply(replies);
        for (Reply ignored : replies) {
            BackendResponse response = get("/");
            assertThrows(IOException.class, () -> response.body().readAllBytes());
            response.close();
        }
        assertEquals(0, client.idleConnections());
    }


    @Test
    void closingTheResponseBeforeItsBodyEndsClosesTheConnection() throws Exception {
        backend.reply(Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"), Reply.of(OK_HELLO));
        BackendResponse response = get("/");
        assertEquals((int) '0', response.body().read());
        response.close();
        assertEquals("hello", text(get("/")));
        assertEquals(2, backend.accepted(), "the half-read connection was not reused");
    }

    @Test
    void aReadThatWaitsLongerThanTheReadTimeoutFailsAsATimeout() throws Exception {
        client.close();
        client = client(Duration.ofMillis(300), Duration.ofSeconds(4));
        backend.reply(Reply.silence());
        long start = System.nanoTime();
        BackendException e = assertThrows(BackendException.class, () -> get("/"));
        long tookMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(BackendException.Kind.READ_TIMEOUT, e.kind());
        assertTrue(tookMillis >= 300 && tookMillis < 5_000, "took " + tookMillis + " ms");
        assertEquals(0, client.openConnections());
    }

    @Test
    void aStalledBodyFailsAfterTheReadTimeoutToo() throws Exception {
        client.close();
        client = client(Duration.ofMillis(300), Duration.ofSeconds(4));
        backend.reply(Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhel"));
        BackendResponse response = get("/");
        byte[] buffer = new byte[10];
        assertEquals(3, response.body().read(buffer));
        BackendException e = assertThrows(BackendException.class, () -> response.body().read(buffer));
        assertEquals(BackendException.Kind.READ_TIMEOUT, e.kind());
    }

    @Test
    void aRefusedConnectionSaysSoByItsKind() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        BackendException e = assertThrows(BackendException.class,
                                          () -> client.exchange(nowhere, "GET", "/", HOST, null, -1));
        assertEquals(BackendException.Kind.CONNECT_REFUSED, e.kind());
        assertTrue(e.kind().beforeSending());
    }

    @Test
    void aConnectionIdleLongerThanTheIdleTimeoutIsClosedNotReused() throws Exception {
        client.close();
        client = client(Duration.ofSeconds(10), Duration.ofMillis(200));
        backend.reply(Reply.of(OK_HELLO), Reply.of(OK_HELLO));
        assertEquals("hello", text(get("/")));
        assertEquals(1, client.idleConnections());
        Poll.until("the idle connection is closed", Duration.ofSeconds(5), () -> client.openConnections() == 0);
        assertEquals("hello", text(get("/")));
        assertEquals(2, backend.accepted());
    }

    @Test
    void aPooledConnectionTheBackendClosedIsNoticedBeforeReuseAndReplaced() throws Exception {
        backend.reply(Reply.closing(OK_HELLO), Reply.of(OK_HELLO));
        assertEquals("hello", text(get("/")));
        assertEquals(1, client.idleConnections(), "HTTP/1.1 without Connection: close is pooled");
        Poll.until("the backend closed its end", Duration.ofSeconds(5), () -> backend.closed() == 1);
        // the quiet check reads the backend's close without waiting: no request is written into a dead connection
        assertEquals("hello", text(get("/")));
        assertEquals(2, backend.accepted());
    }

    @Test
    void talksTlsToAnHttpsBackendAndChecksItsName() throws Exception {
        try (TlsBackend tls = new TlsBackend()) {
            UpstreamClient trusting = new UpstreamClient(Duration.ofSeconds(2), Duration.ofSeconds(10), 8192,
                                                         tls.clientContext(), Duration.ofSeconds(4));
            try (trusting) {
                BackendResponse response = trusting.exchange(tls.url("localhost"), "GET", "/tls", HOST, null, -1);
                assertEquals("secure", text(response));
                // the certificate names localhost only: the same backend by its IP address fails the name check
                assertThrows(IOException.class,
                             () -> trusting.exchange(tls.url("127.0.0.1"), "GET", "/", HOST, null, -1));
            }
            assertTrue(tls.lastRequest().startsWith("GET /tls HTTP/1.1\r\n"), tls.lastRequest());
            assertTrue(tls.lastRequest().endsWith("\r\n\r\n"), tls.lastRequest());
        }
    }

    @Test
    void aBodyReadReturnsWhatHasArrivedWithoutWaitingForMoreInEveryFraming() throws Exception {
        String[][] framings = {
                {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nfirst.\r\n", "7\r\nsecond.\r\n0\r\n\r\n"},
                {"HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nfirst.", "second."},
                {"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nfirst.", "second."},
        };
        for (int i = 0; i < framings.length; i++) {
            String[] framing = framings[i];
            ScriptedBackend.Reply reply = Reply.of(framing[0]).then(Duration.ofMillis(1000), framing[1]);
            backend.reply(framing[0].contains("close") ? new Reply(reply.bytes(), true, reply.later(), reply.delay())
                                  : reply);
            try (BackendResponse response = get("/")) {
                byte[] buffer = new byte[64 * 1024];
                int n = response.body().read(buffer, 0, buffer.length);
                assertEquals("first.", new String(buffer, 0, n, StandardCharsets.ISO_8859_1), framing[0]);
                // the earlier rounds' second pieces count (at most i); this round's must not have been sent yet
                assertTrue(backend.laterWritten() <= i,
                           "the first piece was returned before the backend sent the second: " + framing[0]);
                assertEquals(0, response.body().available(), "nothing more at hand");
                n = response.body().read(buffer, 0, buffer.length);
                assertEquals("second.", new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        }
    }

    @Test
    void availableSaysWhatCanBeReadWithoutWaiting() throws Exception {
        backend.reply(Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789"));
        try (BackendResponse response = get("/")) {
            Poll.until("the body arrived", Duration.ofSeconds(5), () -> {
                try {
                    return response.body().available() == 10;
                } catch (IOException e) {
                    return false;
                }
            });
            assertEquals('0', response.body().read());
            assertEquals(9, response.body().available());
        }
    }

    @Test
    void failuresSayTheirKind() throws Exception {
        backend.reply(Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello"),
                      Reply.closing("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"));
        assertEquals(BackendException.Kind.INVALID_ANSWER,
                     assertThrows(BackendException.class, () -> get("/")).kind());
        BackendResponse cut = get("/");
        BackendException e = assertThrows(BackendException.class, () -> cut.body().readAllBytes());
        assertEquals(BackendException.Kind.CONNECTION_LOST, e.kind());
        assertTrue(!e.kind().beforeSending());
    }

    @Test
    void a101ToAnUpgradeRequestIsATunnelWhoseReadsAreNotTimed() throws Exception {
        client.close();
        client = client(Duration.ofMillis(300), Duration.ofSeconds(4));
        backend.reply(Reply.of("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
                              .then(Duration.ofMillis(900), "frame"),
                      Reply.of(OK_HELLO));
        try (BackendResponse tunnel = client.exchange(backend.url(), "GET", "/ws", HOST, null, -1, true)) {
            assertEquals(101, tunnel.status());
            assertTrue(tunnel.upgraded());
            assertEquals(new HeaderLine("Upgrade", "websocket"), tunnel.headers().get(0));
            byte[] frame = new byte[5];
            assertEquals(5, tunnel.body().readNBytes(frame, 0, 5), "read after 900 ms, over the 300 ms read timeout");
            assertEquals("frame", new String(frame, StandardCharsets.ISO_8859_1));
            tunnel.tunnelToBackend().write("GET /after HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            tunnel.tunnelToBackend().flush();
            Poll.until("the backend got the tunnelled bytes", Duration.ofSeconds(5),
                        () -> backend.requests().size() == 2);
        }
        assertEquals(0, client.idleConnections(), "a tunnel never goes back to the pool");
    }

    @Test
    void aPooledTlsConnectionPassesTheQuietCheckAndIsReused() throws Exception {
        try (TlsBackend tls = new TlsBackend();
             UpstreamClient trusting = new UpstreamClient(Duration.ofSeconds(2), Duration.ofSeconds(10), 8192,
                                                          tls.clientContext(), Duration.ofSeconds(4))) {
            for (int i = 0; i < 3; i++) {
                assertEquals("secure", text(trusting.exchange(tls.url("localhost"), "GET", "/", HOST, null, -1)));
            }
            assertEquals(1, tls.accepted(), "one TLS connection for all three");
        }
    }

    @Test
    void aChunkedBodyThatHasArrivedIsTakenWholeOnlyWithinTheLimitAndOtherwiseStillStreams() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        backend.reply(Reply.of(chunked + "5\r\nhello\r\n0\r\n\r\n"),
                      Reply.of(chunked + "5\r\nhello\r\n0\r\n\r\n"),
                      Reply.of(chunked + "5\r\nhello\r\n").then(Duration.ofMillis(200), "0\r\n\r\n"),
                      Reply.of(chunked + "5\r\nhelloXY0\r\n\r\n"),
                      Reply.of(OK_HELLO));
        try (BackendResponse whole = get("/")) {
            assertEquals("hello", new String(whole.bodyIfArrived(5), StandardCharsets.ISO_8859_1));
            assertEquals(-1, whole.body().read(), "taken whole: nothing left to stream");
        }
        assertEquals(1, client.idleConnections(), "and the connection went back clean");
        try (BackendResponse over = get("/")) {
            assertEquals(null, over.bodyIfArrived(4), "one byte over the limit");
            assertEquals("hello", new String(over.body().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        try (BackendResponse partial = get("/")) {
            assertEquals(null, partial.bodyIfArrived(100), "the last chunk has not arrived");
            assertEquals("hello", new String(partial.body().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        try (BackendResponse malformed = get("/")) {
            assertEquals(BackendException.Kind.INVALID_ANSWER,
                         assertThrows(BackendException.class, () -> malformed.bodyIfArrived(100)).kind());
        }
        assertEquals("hello", text(get("/")));
        assertEquals(2, backend.accepted(), "only the malformed answer's connection was closed");
    }
}
