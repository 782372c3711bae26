package io.inteli.proxy.forwarding;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.upstream.ScriptedBackend;
import io.inteli.proxy.upstream.UpstreamClient;
import io.inteli.testsupport.FreePort;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Failures are classified by type and kind, never by message. */
class FailureTest {
    private static final List<HeaderLine> HOST = List.of(new HeaderLine("Host", "h"));

    @Test
    void eachUpstreamFailureMapsToItsAnswer() throws Exception {
        try (UpstreamClient client = new UpstreamClient(Duration.ofMillis(500), Duration.ofMillis(300), 8192);
             ScriptedBackend backend = new ScriptedBackend()) {
            backend.reply(ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"),
                          ScriptedBackend.Reply.silence());
            assertEquals(Failure.INVALID, Failure.of(assertThrows(IOException.class,
                    () -> client.exchange(backend.url(), "GET", "/", HOST, null, -1))));
            assertEquals(Failure.TIMEOUT, Failure.of(assertThrows(IOException.class,
                    () -> client.exchange(backend.url(), "GET", "/", HOST, null, -1))));
            URI closed = URI.create("http://127.0.0.1:" + FreePort.find());
            assertEquals(Failure.CONNECT, Failure.of(assertThrows(IOException.class,
                    () -> client.exchange(closed, "GET", "/", HOST, null, -1))));
            java.io.InputStream failing = new java.io.InputStream() {
                @Override
                public int read() throws IOException {
                    throw new io.inteli.proxy.http.MalformedBodyException("bad chunk");
                }
            };
            backend.reply(ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
            assertEquals(Failure.CLIENT, Failure.of(assertThrows(IOException.class,
                    () -> client.exchange(backend.url(), "POST", "/", HOST, failing, -1))));
            java.io.InputStream stalled = new java.io.InputStream() {
                @Override
                public int read() throws IOException {
                    throw new java.io.InterruptedIOException("client-body-timeout");
                }
            };
            backend.reply(ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
            assertEquals(Failure.CLIENT_STALLED, Failure.of(assertThrows(IOException.class,
                    () -> client.exchange(backend.url(), "POST", "/", HOST, stalled, -1))));
        }
        // a message saying "connect" does not make a read timeout a connect failure any more
        assertEquals(Failure.OTHER, Failure.of(new SocketTimeoutException("connect timed out")));
        assertEquals(Failure.CONNECT, Failure.of(new ConnectException("refused")));
    }

    /** The one table: what a client gets for each failure, and which are its own fault. */
    @Test
    void eachFailureHasOneStatus() {
        assertEquals(502, Failure.CONNECT.status());
        assertEquals(504, Failure.TIMEOUT.status());
        assertEquals(502, Failure.INVALID.status());
        assertEquals(502, Failure.OTHER.status());
        assertEquals(400, Failure.CLIENT.status());
        assertEquals(408, Failure.CLIENT_STALLED.status());
        for (Failure f : Failure.values()) {
            assertEquals(f == Failure.CLIENT || f == Failure.CLIENT_STALLED, f.clients(), f.name());
        }
    }

    /** Retried as nginx's proxy_next_upstream error: nothing sent, or an idempotent request before any answer. */
    @Test
    void onlyFailuresBeforeAnyAnswerAreRetried() {
        assertEquals(true, Failure.CONNECT.retried(false, false));
        assertEquals(false, Failure.CONNECT.retried(false, true));
        assertEquals(true, Failure.CONNECT.retried(true, true));
        assertEquals(true, Failure.OTHER.retried(true, false));
        assertEquals(false, Failure.OTHER.retried(false, false));
        assertEquals(false, Failure.TIMEOUT.retried(true, false));
        assertEquals(false, Failure.INVALID.retried(true, false));
        assertEquals(false, Failure.CLIENT.retried(true, false));
    }
}
