package io.inteli.proxy.forwarding;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import io.inteli.proxy.upstream.BackendAnswerRows;
import io.inteli.proxy.upstream.BackendAnswerRows.Row;
import io.inteli.proxy.upstream.ScriptedBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend-answer table through the whole proxy, over raw client sockets: client A's request meets the row's
 * answer, client B's (another TCP connection) must then get its own, and neither gets a byte more. Subclasses
 * start the proxy on each front door with a read timeout of 5 s and no retry to another backend possible (one
 * backend per row).
 */
abstract class BackendAnswersThroughProxy extends FrontDoorContractSupport {

    static Stream<Row> rows() {
        return BackendAnswerRows.rows().stream();
    }

    private final List<ScriptedBackend> backends = new ArrayList<>();

    @AfterEach
    void closeBackends() throws Exception {
        for (ScriptedBackend b : backends) {
            b.close();
        }
    }

    ScriptedBackend scripted() throws Exception {
        ScriptedBackend backend = new ScriptedBackend();
        backends.add(backend);
        registry.register("scripted", backend.url(), 1, List.of("/"));
        return backend;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachClientGetsOnlyTheAnswerToItsOwnRequest(Row row) throws Exception {
        ScriptedBackend backend = scripted();
        backend.reply(row.reply(), BackendAnswerRows.B_ANSWER);
        long start = System.nanoTime();
        if (doorDefects().contains(row.name())) {
            // the front door mangles this answer on its own; what must hold anyway is that nothing crosses
            try (ProxyClient a = new ProxyClient(port(), 2_000)) {
                ProxyClient.Received answer = a.exchange(row.method(), "/a");
                assertFalse(answer.body().contains("STOLEN") || !answer.all("X-Stolen").isEmpty(), answer.toString());
            } catch (java.io.IOException e) {
                // e.g. a length the door announced and never sent
            }
        } else {
            clientA(row, start);
        }
        if (row.late()) {
            await("the backend sent its unasked bytes", () -> backend.laterWritten() == 1);
            Thread.sleep(50);
        }
        try (ProxyClient b = new ProxyClient(port())) {
            ProxyClient.Received answer = b.exchange("GET", "/b");
            assertEquals(200, answer.status(), answer.toString());
            assertEquals(BackendAnswerRows.B_BODY, answer.body());
            assertEquals(0, b.bytesArrivingWithin(100), "nothing after the answer");
        }
        assertEquals(row.reused() ? 1 : 2, backend.accepted(),
                     row.reused() ? "the clean connection was reused" : "B got a fresh connection");
    }

    /**
     * Names of rows this front door gets wrong by itself today (Helidon's response layer adds or drops lengths),
     * with the upstream client's side right: only the no-crossing checks run on them.
     */
    Set<String> doorDefects() {
        return Set.of();
    }

    private void clientA(Row row, long start) throws Exception {
        try (ProxyClient a = new ProxyClient(port())) {
            ProxyClient.Received answer = a.exchange(row.method(), "/a");
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertEquals(row.status(), answer.status(), row + ": " + answer);
            assertTrue(millis < 3_000, "answered after " + millis + " ms");
            assertFalse(answer.body().contains("STOLEN") || !answer.all("X-Stolen").isEmpty(), answer.toString());
            if (!row.refused()) {
                assertEquals(row.body(), answer.body());
                List<String> lengths = answer.all("Content-Length");
                if (row.advertised() >= 0) {
                    assertEquals(List.of(Long.toString(row.advertised())), lengths, answer.toString());
                } else if (row.status() == 204) {
                    assertEquals(List.of(), lengths, "no Content-Length on a 204: " + answer);
                } else if (!row.method().equals("HEAD")) {
                    assertTrue(lengths.isEmpty() || lengths.equals(List.of(Integer.toString(row.body().length()))),
                               answer.toString());
                }
                assertTrue(answer.all("Transfer-Encoding").stream().allMatch(v -> v.equals("chunked")),
                           answer.toString());
            }
            assertEquals(0, a.bytesArrivingWithin(100), "nothing after the answer");
        }
    }
}
