package io.inteli.proxy.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;
import io.inteli.proxy.Digests;
import io.inteli.testsupport.TestAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 1 GiB up and 1 GiB down through the packaged proxy started with -Xmx96m, byte-exact (compared by SHA-256, the
 * bytes are never held), with the backend registered through the real control plane.
 */
class LargeBodiesIT {
    static final long GIB = 1L << 30;
    static final String SECRET = "it-secret-0123456789abcdefghijklmnopqrstuvwxyz";

    static HttpServer backend;
    static ProxyProcess proxy;
    static TestAgent agent;

    @BeforeAll
    static void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.createContext("/upload", ex -> {
            try (ex) {
                byte[] hex = Digests.sha256(ex.getRequestBody()).getBytes();
                ex.sendResponseHeaders(200, hex.length);
                ex.getResponseBody().write(hex);
            }
        });
        backend.createContext("/download", ex -> {
            try (ex) {
                ex.sendResponseHeaders(200, GIB);
                writePattern(ex.getResponseBody(), GIB);
            }
        });
        backend.start();
        proxy = ProxyProcess.start(List.of("-Xmx96m"), List.of("inteli.secret=" + SECRET)).awaitListening();
        agent = TestAgent.register(proxy.controlPort, proxy.stateDir, SECRET, "large-1",
                                   URI.create("http://127.0.0.1:" + backend.getAddress().getPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        Teardown.close(agent, proxy, Teardown.stopping(backend));
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void uploadsOneGibByteExact() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.dataPort + "/upload"))
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new PatternStream(GIB)), GIB))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(Digests.sha256(new PatternStream(GIB)), response.body());
    }

    @Test
    void downloadsOneGibByteExact() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.dataPort + "/download"))
                .timeout(Duration.ofMinutes(3)).build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (InputStream body = response.body()) {
            assertEquals(Digests.sha256(new PatternStream(GIB)), Digests.sha256(body));
        }
    }

    static void writePattern(OutputStream out, long n) throws IOException {
        try (InputStream in = new PatternStream(n)) {
            in.transferTo(out);
        }
    }

    /** n bytes of a pattern that is not periodic in any buffer size used on the way. */
    static final class PatternStream extends InputStream {
        private long position;
        private final long size;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            return value(position++);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) value(position + i);
            }
            position += n;
            return n;
        }

        private static int value(long i) {
            return (int) ((i * 2654435761L) >>> 13) & 0xff;
        }
    }
}
