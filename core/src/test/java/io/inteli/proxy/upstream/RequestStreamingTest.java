package io.inteli.proxy.upstream;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.testsupport.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The request side of the upstream client: what it frames itself, and that a slow body streams. */
class RequestStreamingTest {
    private final UpstreamClient client = new UpstreamClient(Duration.ofSeconds(2), Duration.ofSeconds(10), 8192,
                                                             defaultTls(), Duration.ofSeconds(30));
    private final ScriptedBackend scripted = new ScriptedBackend();

    RequestStreamingTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        scripted.close();
    }

    @Test
    void theHeadReachesTheBackendBeforeTheBodyAndEachPieceAsItIsSent() throws Exception {
        String head = "POST /up HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n";
        try (RecordingBackend backend = new RecordingBackend(head + "0123456789");
             PipedOutputStream upload = new PipedOutputStream();
             PipedInputStream body = new PipedInputStream(upload, 1024)) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
                try (BackendResponse r = client.exchange(backend.url(), "POST", "/up",
                                                          List.of(new HeaderLine("Host", "h")), body, 10)) {
                    return r.status();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Poll.until("the head arrives before any of the body is sent", Duration.ofSeconds(5),
                        () -> backend.received().equals(head));
            upload.write("012".getBytes(StandardCharsets.ISO_8859_1));
            upload.flush();
            Poll.until("the first piece arrives while the rest is not sent", Duration.ofSeconds(5),
                        () -> backend.received().equals(head + "012"));
            upload.write("3456789".getBytes(StandardCharsets.ISO_8859_1));
            upload.flush();
            assertEquals(200, status.get().intValue());
            assertEquals(head + "0123456789", backend.received());
        }
    }

    @Test
    void aBodyOfUnknownLengthGoesChunkedPieceByPiece() throws Exception {
        String head = "POST /up HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
        try (RecordingBackend backend = new RecordingBackend("0\r\n\r\n");
             PipedOutputStream upload = new PipedOutputStream();
             PipedInputStream body = new PipedInputStream(upload, 1024)) {
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> {
                try (BackendResponse r = client.exchange(backend.url(), "POST", "/up",
                                                          List.of(new HeaderLine("Host", "h")), body, -1)) {
                    return r.status();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            Poll.until("the head arrives first", Duration.ofSeconds(5), () -> backend.received().equals(head));
            upload.write("abc".getBytes(StandardCharsets.ISO_8859_1));
            upload.flush();
            Poll.until("the first chunk arrives at once", Duration.ofSeconds(5),
                        () -> backend.received().equals(head + "3\r\nabc\r\n"));
            upload.close();
            assertEquals(200, status.get().intValue());
            assertEquals(head + "3\r\nabc\r\n0\r\n\r\n", backend.received());
        }
    }

    @Test
    void framingFieldsItIsHandedAreReplacedByItsOwn() throws Exception {
        scripted.reply(ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
                       ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
                       ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        List<HeaderLine> hostile = List.of(new HeaderLine("Host", "h"), new HeaderLine("Content-Length", "56"),
                                           new HeaderLine("Transfer-Encoding", "chunked"),
                                           new HeaderLine("Connection", "Content-Length, keep-alive, Transfer-Encoding"));
        try (BackendResponse r = client.exchange(scripted.url(), "POST", "/", hostile,
                                                  new java.io.ByteArrayInputStream("abc".getBytes()), 3)) {
            assertEquals(200, r.status());
        }
        try (BackendResponse r = client.exchange(scripted.url(), "POST", "/", hostile, null, -1)) {
            assertEquals(200, r.status());
        }
        List<HeaderLine> onlyFraming = List.of(new HeaderLine("Host", "h"),
                                               new HeaderLine("Connection", "content-length"));
        try (BackendResponse r = client.exchange(scripted.url(), "GET", "/", onlyFraming, null, -1)) {
            assertEquals(200, r.status());
        }
        assertEquals("POST / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\nabc",
                     scripted.requests().get(0));
        assertEquals("POST / HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
                     scripted.requests().get(1), "a POST without a body says so");
        assertEquals("GET / HTTP/1.1\r\nHost: h\r\n\r\n", scripted.requests().get(2));
    }

    @Test
    void aClientBodyThatFailsIsTheClientsFailureAndItsConnectionIsClosed() throws Exception {
        scripted.reply(ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
        java.io.InputStream malformed = new java.io.InputStream() {
            @Override
            public int read() throws IOException {
                throw new io.inteli.proxy.http.MalformedBodyException("chunk data not followed by CRLF");
            }
        };
        ClientBodyException e = org.junit.jupiter.api.Assertions.assertThrows(ClientBodyException.class,
                () -> client.exchange(scripted.url(), "POST", "/", List.of(new HeaderLine("Host", "h")), malformed,
                                      -1));
        assertTrue(e.getCause() instanceof io.inteli.proxy.http.MalformedBodyException, e.toString());
        ClientBodyException short_ = org.junit.jupiter.api.Assertions.assertThrows(ClientBodyException.class,
                () -> client.exchange(scripted.url(), "POST", "/", List.of(new HeaderLine("Host", "h")),
                                      new java.io.ByteArrayInputStream("ab".getBytes()), 5));
        assertFalse(short_.getMessage().isEmpty());
        assertEquals(0, client.idleConnections(), "a connection left inside a request is never pooled");
    }

    private static javax.net.ssl.SSLContext defaultTls() {
        try {
            return javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
