package io.inteli.proxy.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw-TCP backend that reads each request head and then, by its path: {@code /silent} says nothing;
 * {@code /sse} sends the head of a chunked event stream and one event, then nothing; {@code /slow/<ms>/<name>}
 * answers {@code <name>} after that many milliseconds, keeping the connection. After a silent answer it reads on,
 * and notes when the proxy closes the connection.
 */
public final class SilentBackend implements AutoCloseable {
    private final LoopbackServer server;
    /** Counted down for each request head received. */
    public final CountDownLatch requests = new CountDownLatch(1);
    /** Counted down when the proxy closed a connection on which the backend had gone silent. */
    public final CountDownLatch silentClosed = new CountDownLatch(1);
    /** System.nanoTime() of that close. */
    public final AtomicLong closedAt = new AtomicLong();

    public SilentBackend() throws IOException {
        server = new LoopbackServer(this::serve);
    }

    /** Waits until a request head reached this backend (10 s at most). */
    public void assertRequestArrived() throws InterruptedException {
        if (!requests.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the request did not reach the backend");
        }
    }

    /**
     * Waits until the proxy closed a connection on which this backend had gone silent, and checks that it did so
     * within {@code withinMillis} of {@code leftNanos} (System.nanoTime() when the client left).
     */
    public void assertClosedSoonAfter(long leftNanos, long withinMillis) throws InterruptedException {
        if (!silentClosed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the proxy did not close the backend connection");
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(closedAt.get() - leftNanos);
        if (ms >= withinMillis) {
            throw new AssertionError("the backend connection was closed " + ms + " ms after the client left");
        }
    }

    public URI url() {
        return server.url();
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String head;
            while ((head = readHead(in)) != null) {
                requests.countDown();
                String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
                if (target.startsWith("/slow/")) {
                    String[] parts = target.split("/");
                    Thread.sleep(Long.parseLong(parts[2]));
                    byte[] body = parts[3].getBytes(StandardCharsets.US_ASCII);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    continue;
                }
                if (target.startsWith("/sse")) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked"
                            + "\r\n\r\n" + "d\r\ndata: first\n\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                // silent from here on: wait for the proxy to close (a request body, if any, is read and dropped)
                try {
                    while (in.read() >= 0) {
                        // dropped
                    }
                } catch (IOException e) {
                    // a reset is a close too
                }
                closedAt.set(System.nanoTime());
                silentClosed.countDown();
                return;
            }
        } catch (IOException | InterruptedException e) {
            // the test is over
        }
    }

    /** The head up to its blank line, without it; null at end of stream. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
