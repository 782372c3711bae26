package io.inteli.proxy.framing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.server.ServerCdiExtension;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutates framing headers and bodies from a fixed seed and checks the one invariant: the backend receives exactly
 * the requests the client's bytes define under RFC 9112 (refused ones never, accepted ones with their exact body),
 * and each client gets only answers to its own requests, while several client connections share pooled backend
 * connections. Run on both front doors.
 */
@Configuration(configSources = "in-process-proxy.properties")
// every door runs this contract on the same proxy settings; each concrete class names its door
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
abstract class RandomizedFramingContract {
    private static final long SEED = 20261202L;
    private static final int CLIENTS = 6;
    private static final int REQUESTS_PER_CLIENT = 60;

    @Inject
    BackendRegistry registry;
    @Inject
    ServerCdiExtension server;

    /** One generated request: its bytes and, when RFC 9112 accepts it, the body the backend must receive. */
    record Generated(String requestLine, byte[] bytes, byte[] acceptedBody, String mutation) {
    }

    @Test
    void theBackendSeesExactlyTheRequestsTheClientBytesDefineAndAnswersNeverCross() throws Exception {
        try (RecordingBackend backend = new RecordingBackend()) {
            registry.register("random", backend.url(), 1, List.of("/"));
            Map<String, byte[]> expected = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(SEED + c);
                int client = c;
                clients.add(pool.submit(() -> {
                    runClient(client, random, expected);
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
            pool.shutdown();
            Map<String, byte[]> received = new ConcurrentHashMap<>();
            for (RecordingBackend.Received r : backend.received()) {
                assertTrue(received.put(r.requestLine(), r.body()) == null, "received twice: " + r.requestLine());
            }
            assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(received.keySet()));
            for (Map.Entry<String, byte[]> e : expected.entrySet()) {
                assertTrue(java.util.Arrays.equals(e.getValue(), received.get(e.getKey())), "body of " + e.getKey());
            }
        } finally {
            for (Backend b : registry.snapshot().all()) {
                registry.remove(b, "test over");
            }
        }
    }

    private void runClient(int client, Random random, Map<String, byte[]> expected) throws Exception {
        RawClient connection = new RawClient(server.port());
        try {
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                Generated g = generate(client, i, random);
                connection.send(g.bytes());
                RawClient.Response answer = connection.read();
                assertNotNull(answer, g.mutation());
                if (g.acceptedBody() != null) {
                    expected.put(g.requestLine(), g.acceptedBody());
                    assertEquals(200, answer.status(), g.mutation());
                    // the answer is to this client's own request, never another's
                    assertTrue(answer.bodyText().endsWith(": " + g.requestLine()), g.mutation() + " got " + answer.bodyText());
                } else {
                    assertTrue(answer.status() == 400 || answer.status() == 501, g.mutation() + ": " + answer.status());
                    assertTrue(connection.closedByServer(), g.mutation());
                    connection.close();
                    connection = new RawClient(server.port());
                }
            }
        } finally {
            connection.close();
        }
    }

    private static Generated generate(int client, int i, Random random) {
        String method = random.nextBoolean() ? "POST" : "PUT";
        String requestLine = method + " /c" + client + "/r" + i + " HTTP/1.1";
        byte[] body = new byte[random.nextInt(3000)];
        for (int b = 0; b < body.length; b++) {
            body[b] = (byte) (random.nextInt(256));
        }
        // a request hidden in the body: must never reach the backend as a request
        byte[] smuggled = ("GET /smuggled/c" + client + "/r" + i + " HTTP/1.1\r\nHost: h\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: h\r\n");
        if (random.nextInt(4) == 0) {
            head.append("Connection: ").append(random.nextBoolean() ? "Content-Length" : "Transfer-Encoding").append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int mutation = random.nextInt(9);
        boolean accepted;
        String name;
        byte[] framedBody;
        switch (mutation) {
            case 0, 1 -> {
                name = "content-length";
                head.append("Content-Length: ").append(body.length).append("\r\n");
                framedBody = body;
                accepted = true;
            }
            case 2, 3 -> {
                name = "chunked";
                head.append("Transfer-Encoding: ").append(random.nextBoolean() ? "chunked" : "Chunked").append("\r\n");
                framedBody = chunked(body, random, false);
                accepted = true;
            }
            case 4 -> {
                name = "content-length with transfer-encoding";
                head.append("Content-Length: ").append(body.length).append("\r\nTransfer-Encoding: chunked\r\n");
                framedBody = chunked(body, random, false);
                accepted = false;
            }
            case 5 -> {
                name = "differing content-lengths";
                head.append("Content-Length: ").append(body.length).append("\r\nContent-Length: ")
                        .append(body.length + 1 + random.nextInt(5)).append("\r\n");
                framedBody = body;
                accepted = false;
            }
            case 6 -> {
                String[] codings = {"gzip", "chunked, identity", "identity, chunked", "xchunked", "chunked, chunked"};
                name = "transfer-encoding " + codings[random.nextInt(codings.length)];
                head.append("Transfer-Encoding: ").append(name.substring(18)).append("\r\n");
                framedBody = chunked(body, random, false);
                accepted = false;
            }
            case 7 -> {
                name = "malformed chunk";
                head.append("Transfer-Encoding: chunked\r\n");
                framedBody = chunked(body.length == 0 ? new byte[] {1} : body, random, true);
                accepted = false;
            }
            default -> {
                name = "two transfer-encoding lines";
                head.append("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n");
                framedBody = chunked(body, random, false);
                accepted = false;
            }
        }
        head.append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(framedBody);
        if (!accepted) {
            out.writeBytes(smuggled);
        }
        return new Generated(requestLine, out.toByteArray(), accepted ? body : null, name);
    }

    /** The body as chunks of random sizes, with random extensions; {@code broken}: one chunk lacks its CRLF. */
    private static byte[] chunked(byte[] body, Random random, boolean broken) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        boolean brokenDone = false;
        while (at < body.length) {
            int n = Math.min(body.length - at, 1 + random.nextInt(700));
            String ext = random.nextInt(4) == 0 ? ";x=" + random.nextInt(9) : "";
            out.writeBytes((Integer.toHexString(n) + ext + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            if (broken && !brokenDone) {
                out.writeBytes("XX".getBytes(StandardCharsets.ISO_8859_1));
                brokenDone = true;
            } else {
                out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            at += n;
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
