package io.inteli.proxy.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.upstream.FramingMutations.Expect;
import io.inteli.proxy.upstream.FramingMutations.Mutation;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Randomly mutated backend framing (fixed seed) under four concurrent clients sharing one pool: each exchange gets
 * its own answer or a refusal, never bytes meant for another, and well-framed answers always get through.
 */
class RandomFramingTest {
    private static final int CLIENTS = 4;
    private static final int EXCHANGES_EACH = 100;

    @Test
    void everyClientGetsOnlyItsOwnAnswerWhateverTheBackendsFraming() throws Exception {
        AtomicInteger refused = new AtomicInteger();
        try (ScriptedBackend backend = new ScriptedBackend().answering(r -> FramingMutations.forRequest(r).reply());
             UpstreamClient client = new UpstreamClient(Duration.ofSeconds(2), Duration.ofSeconds(5), 8192,
                                                        javax.net.ssl.SSLContext.getDefault(),
                                                        Duration.ofSeconds(30));
             ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int first = c * EXCHANGES_EACH;
                done.add(clients.submit(() -> {
                    for (int id = first; id < first + EXCHANGES_EACH; id++) {
                        if (!exchange(client, backend, id)) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertTrue(backend.accepted() < CLIENTS * EXCHANGES_EACH, "clean connections were reused");
        }
        assertTrue(refused.get() > 0 && refused.get() < CLIENTS * EXCHANGES_EACH, refused + " refused");
    }

    /** @return false when the answer was refused */
    private static boolean exchange(UpstreamClient client, ScriptedBackend backend, int id) throws Exception {
        Mutation mutation = FramingMutations.mutation(id);
        String body;
        try (BackendResponse response = client.exchange(backend.url(), "GET", "/r/" + id,
                                                         List.of(new HeaderLine("Host", "h")), null, -1)) {
            body = new String(response.body().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (BackendException e) {
            if (mutation.expect() == Expect.BODY) {
                fail(id + " (" + mutation.name() + ") was refused: " + e);
            }
            return false;
        } catch (IOException e) {
            fail(id + " (" + mutation.name() + ") failed untyped: " + e);
            return false;
        }
        if (mutation.expect() == Expect.REFUSED) {
            fail(id + " (" + mutation.name() + ") got through: " + body);
        }
        assertEquals(mutation.body(), body, id + " (" + mutation.name() + ")");
        return true;
    }
}
