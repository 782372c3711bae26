package io.inteli.proxy.upstream;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.testsupport.Poll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cutting an exchange from another thread closes the backend connection it waits on, never one it gave back to the
 * pool (another exchange may be using it: closing it would cut a stranger's answer).
 */
class ExchangeAbortTest {
    private static final List<HeaderLine> HOST = List.of(new HeaderLine("Host", "h"));

    private static UpstreamClient client() throws Exception {
        // a read timeout far beyond the test: only the cut can end the silent read
        return new UpstreamClient(Duration.ofSeconds(2), Duration.ofSeconds(60), 8192,
                                  javax.net.ssl.SSLContext.getDefault(), Duration.ofSeconds(30));
    }

    @Test
    void aCutEndsAReadWaitingOnASilentBackendAndItsConnectionIsNotPooled() throws Exception {
        try (UpstreamClient client = client(); ScriptedBackend backend = new ScriptedBackend()) {
            backend.reply(ScriptedBackend.Reply.silence());
            ExchangeAbort abort = new ExchangeAbort();
            CompletableFuture<IOException> failed = CompletableFuture.supplyAsync(() -> assertThrows(
                    IOException.class, () -> client.exchange(backend.url(), "GET", "/", HOST, null, -1, false, abort)));
            // the request is on the backend, its answer awaited
            Poll.until("the request reached the backend", Duration.ofSeconds(10), () -> !backend.requests().isEmpty());
            assertTrue(abort.abort(), "a connection was in use and is closed");
            failed.get(5, TimeUnit.SECONDS);
            assertTrue(abort.aborted());
            assertEquals(0, client.idleConnections());
        }
    }

    @Test
    void aCutAfterTheAnswerEndedLeavesThePooledConnectionAlone() throws Exception {
        try (UpstreamClient client = client(); ScriptedBackend backend = new ScriptedBackend()) {
            backend.reply(ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
                          ScriptedBackend.Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain"));
            ExchangeAbort abort = new ExchangeAbort();
            try (BackendResponse r = client.exchange(backend.url(), "GET", "/", HOST, null, -1, false, abort)) {
                assertEquals("ok", new String(r.body().readAllBytes()));
            }
            assertEquals(1, client.idleConnections());
            assertFalse(abort.abort(), "nothing in use any more");
            // the pooled connection still carries the next exchange
            try (BackendResponse r = client.exchange(backend.url(), "GET", "/", HOST, null, -1)) {
                assertEquals("again", new String(r.body().readAllBytes()));
            }
            assertEquals(1, backend.accepted());
        }
    }

    @Test
    void aCutExchangeTakesNoFurtherConnection() throws Exception {
        try (UpstreamClient client = client(); ScriptedBackend backend = new ScriptedBackend()) {
            ExchangeAbort abort = new ExchangeAbort();
            abort.abort();
            assertThrows(BackendException.class,
                         () -> client.exchange(backend.url(), "GET", "/", HOST, null, -1, false, abort));
            assertTrue(backend.requests().isEmpty(), "nothing was sent");
            assertEquals(0, client.idleConnections());
        }
    }
}
