package io.inteli.proxy.forwarding;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.upstream.BackendAnswerRows;
import io.inteli.proxy.upstream.BackendAnswerRows.Row;
import io.inteli.proxy.upstream.FramingMutations;
import io.inteli.proxy.upstream.FramingMutations.Mutation;
import io.inteli.proxy.upstream.RecordingBackend;
import io.inteli.proxy.upstream.ScriptedBackend;
import org.junit.jupiter.api.Test;
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
@Configuration(configSources = "in-process-proxy.properties")
// every door runs this contract on the same proxy settings; each concrete class names its door
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.proxy.read-timeout", value = "5s")
@AddConfig(key = "inteli.proxy.connect-timeout", value = "1s")
abstract class BackendAnswersThroughProxy extends FrontDoorContractSupport {

    static Stream<Row> rows() {
        return BackendAnswerRows.rows().stream();
    }

    ScriptedBackend scripted() throws Exception {
        ScriptedBackend backend = closedAfterTheTest(new ScriptedBackend());
        registry.register("scripted", backend.url(), 1, List.of("/"));
        return backend;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachClientGetsOnlyTheAnswerToItsOwnRequest(Row row) throws Exception {
        ScriptedBackend backend = scripted();
        backend.reply(row.reply(), BackendAnswerRows.B_ANSWER);
        long start = System.nanoTime();
        clientA(row, start);
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

    @Test
    void randomlyMutatedBackendFramingNeverGivesAClientAnotherClientsAnswer() throws Exception {
        ScriptedBackend backend = scripted();
        backend.answering(request -> FramingMutations.forRequest(request).reply());
        int clients = 4;
        int each = 40;
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int first = c * each;
                done.add(pool.submit(() -> {
                    // one keep-alive client connection per client, as a browser would hold
                    HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                    for (int id = first; id < first + each; id++) {
                        Mutation mutation = FramingMutations.mutation(id);
                        HttpResponse<String> r = own.send(HttpRequest.newBuilder(uri("/r/" + id))
                                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                        String what = id + " (" + mutation.name() + "): " + r.statusCode() + " " + r.body();
                        if (r.statusCode() == 502) {
                            assertTrue(mutation.expect() != FramingMutations.Expect.BODY, what);
                        } else {
                            assertTrue(mutation.expect() != FramingMutations.Expect.REFUSED, what);
                            assertEquals(mutation.body(), r.body(), what);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
    }

    @Test
    void anInvalidAnswerIsA502AndIsNotRetriedOnAnotherBackend() throws Exception {
        ScriptedBackend first = scripted();
        ScriptedBackend second = closedAfterTheTest(new ScriptedBackend());
        registry.register("second", second.url(), 1, List.of("/"));
        String invalid = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
        first.reply(ScriptedBackend.Reply.of(invalid));
        second.reply(ScriptedBackend.Reply.of(invalid));
        try (ProxyClient client = new ProxyClient(port())) {
            assertEquals(502, client.exchange("GET", "/once").status());
        }
        assertEquals(1, first.requests().size() + second.requests().size(), "asked once");
    }

    @Test
    void chunkExtensionsAndTrailersOnARequestBodyAreNoFailure() throws Exception {
        ScriptedBackend backend = scripted();
        backend.reply(BackendAnswerRows.B_ANSWER);
        try (ProxyClient client = new ProxyClient(port())) {
            client.send("POST /up HTTP/1.1\r\nHost: proxy.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5;name=value;q=\"a b\"\r\nhello\r\n0;last\r\nX-Trailer: t\r\n\r\n");
            ProxyClient.Received answer = client.read("POST");
            assertEquals(200, answer.status(), answer.toString());
            assertEquals(BackendAnswerRows.B_BODY, answer.body());
        }
        assertTrue(backend.requests().get(0).endsWith("\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                   "re-chunked without extensions or trailers: " + backend.requests().get(0));
    }

    @Test
    void aMalformedChunkInARequestBodyIsTheClientsFailureNotTheBackends() throws Exception {
        ScriptedBackend backend = scripted();
        backend.reply(BackendAnswerRows.B_ANSWER);
        Backend registered = registry.snapshot().all().get(0);
        try (ProxyClient client = new ProxyClient(port())) {
            client.send("POST /up HTTP/1.1\r\nHost: proxy.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5\r\nhelloXX0\r\n\r\n");
            ProxyClient.Received answer = client.read("POST");
            assertTrue(answer.status() >= 400 && answer.status() < 500, answer.toString());
        } catch (java.io.IOException closed) {
            // closing the connection without an answer is a refusal too
        }
        assertEquals(0, registered.load().stats().lastMinute().errors(), "not counted against the backend");
    }

    @Test
    void aSlowUploadReachesTheBackendAsItIsSent() throws Exception {
        String end = "0123456789";
        try (RecordingBackend backend = new RecordingBackend(end);
             Socket client = new Socket("127.0.0.1", port())) {
            registry.register("recording", backend.url(), 1, List.of("/"));
            OutputStream out = client.getOutputStream();
            out.write(("POST /up HTTP/1.1\r\nHost: proxy.test\r\nContent-Length: 10\r\n\r\n012")
                              .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            await("the head and the first bytes reach the backend before the rest is sent",
                  () -> backend.received().endsWith("\r\n\r\n012"));
            assertTrue(backend.received().startsWith("POST /up HTTP/1.1\r\n"), backend.received());
            out.write("3456".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            await("the next piece arrives as it is sent", () -> backend.received().endsWith("\r\n\r\n0123456"));
            out.write("789".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            client.setSoTimeout(5_000);
            String head = RawHttp.readHead(client.getInputStream());
            assertEquals(200, RawHttp.status(head), head);
        }
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
