package io.inteli.proxy.framing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A server-sent-events backend (the JDK's server): {@code /events?n=N} sends N events 100 ms apart, each carrying
 * the System.nanoTime() at which it was written, as a chunked text/event-stream; n=0 sends until the client is gone.
 */
final class SseBackend implements AutoCloseable {
    private final HttpServer server;
    /** Counted down when a stream failed to write: the proxy closed the backend connection. */
    final CountDownLatch streamBroken = new CountDownLatch(1);

    SseBackend() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            int n = Integer.parseInt(ex.getRequestURI().getQuery().substring(2));
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; n == 0 || i < n; i++) {
                    out.write(("data: " + System.nanoTime() + "\n\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                streamBroken.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
