package io.inteli.proxy.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.testsupport.Poll;
import io.inteli.proxy.upstream.BackendAnswerRows.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend-answer table at the upstream client: client A's exchange gets the row's answer (or an invalid-answer
 * failure), then client B's exchange, through the same pool, must get its own answer, on the same connection
 * only when the row says the connection is clean.
 */
class BackendAnswerConformanceTest {
    private static final List<HeaderLine> HOST = List.of(new HeaderLine("Host", "example.test"));

    private final ScriptedBackend backend = new ScriptedBackend();
    private final UpstreamClient client = new UpstreamClient(Duration.ofSeconds(2), Duration.ofSeconds(5), 8192,
                                                             defaultTls(), Duration.ofSeconds(30));

    BackendAnswerConformanceTest() throws IOException {
    }

    static Stream<Row> rows() {
        return BackendAnswerRows.rows().stream();
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        backend.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachClientGetsOnlyTheAnswerToItsOwnRequest(Row row) throws Exception {
        backend.reply(row.reply(), BackendAnswerRows.B_ANSWER);
        if (row.refused()) {
            BackendException e = assertThrows(BackendException.class, () -> {
                try (BackendResponse a = client.exchange(backend.url(), row.method(), "/a", HOST, null, -1)) {
                    a.body().readAllBytes();
                }
            });
            assertTrue(e.kind() == BackendException.Kind.INVALID_ANSWER
                               || e.kind() == BackendException.Kind.CONNECTION_LOST, row + ": " + e);
            assertEquals(0, client.idleConnections(), "a refused answer's connection is never pooled");
        } else {
            try (BackendResponse a = client.exchange(backend.url(), row.method(), "/a", HOST, null, -1)) {
                assertEquals(row.status(), a.status());
                assertEquals(row.advertised(), a.advertisedLength());
                assertFalse(a.headers().stream().anyMatch(h -> h.is("content-length") || h.is("transfer-encoding")),
                            "framing fields are the proxy's to write: " + a.headers());
                assertEquals(row.body(), new String(a.body().readAllBytes(), StandardCharsets.ISO_8859_1));
            }
        }
        if (row.late()) {
            Poll.until("the backend sent its unasked bytes", Duration.ofSeconds(5),
                        () -> backend.laterWritten() == 1);
            Thread.sleep(50);
        }
        try (BackendResponse b = client.exchange(backend.url(), "GET", "/b", HOST, null, -1)) {
            assertEquals(200, b.status());
            assertEquals(BackendAnswerRows.B_BODY, new String(b.body().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
        assertEquals(row.reused() ? 1 : 2, backend.accepted(),
                     row.reused() ? "the clean connection was reused" : "B got a fresh connection");
    }

    private static javax.net.ssl.SSLContext defaultTls() {
        try {
            return javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
