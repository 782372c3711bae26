package io.inteli.proxy.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A backend on 127.0.0.1, port 0, that answers each request with the next scripted bytes, exactly as given, so
 * that a test controls every byte of the response (framing, malformed lines, early close). It records each
 * request as raw bytes: head, and a body read by its Content-Length or up to the last chunk.
 */
public final class ScriptedBackend implements AutoCloseable {
    /**
     * The reply to one request; {@code close} closes the connection after it; {@code later}, when not null, is
     * written {@code delay} after it, on the same connection, unasked.
     */
    public record Reply(byte[] bytes, boolean close, byte[] later, Duration delay) {
        public Reply(byte[] bytes, boolean close) {
            this(bytes, close, null, Duration.ZERO);
        }

        public static Reply of(String text) {
            return new Reply(text.getBytes(StandardCharsets.ISO_8859_1), false);
        }

        public static Reply closing(String text) {
            return new Reply(text.getBytes(StandardCharsets.ISO_8859_1), true);
        }

        /** Reads the request and answers nothing: the read timeout's case. */
        public static Reply silence() {
            return new Reply(null, false);
        }

        /** This reply, then {@code text} after {@code delay} while the connection sits idle. */
        public Reply then(Duration delay, String text) {
            return new Reply(bytes, close, text.getBytes(StandardCharsets.ISO_8859_1), delay);
        }
    }

    private final ServerSocket server;
    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger laterWritten = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile Function<String, Reply> responder;

    public ScriptedBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    public ScriptedBackend reply(Reply... next) {
        replies.addAll(List.of(next));
        return this;
    }

    /** Answers each request with what {@code responder} makes of it (head and body as text) instead of the queue. */
    public ScriptedBackend answering(Function<String, Reply> responder) {
        this.responder = responder;
        return this;
    }

    /** TCP connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections this backend has closed (or seen closed) so far. */
    public int closed() {
        return closed.get();
    }

    /** Unasked bytes ({@link Reply#then}) written so far. */
    public int laterWritten() {
        return laterWritten.get();
    }

    public List<String> requests() {
        return requests;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                sockets.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            while (true) {
                String request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                Function<String, Reply> answer = responder;
                Reply reply = answer != null ? answer.apply(request) : replies.poll(10, TimeUnit.SECONDS);
                if (reply == null || reply.bytes() == null) {
                    in.transferTo(OutputStream.nullOutputStream());
                    return;
                }
                out.write(reply.bytes());
                out.flush();
                if (reply.later() != null) {
                    Thread.sleep(reply.delay().toMillis());
                    out.write(reply.later());
                    out.flush();
                    laterWritten.incrementAndGet();
                }
                if (reply.close()) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: the test looks at what was recorded
        } finally {
            closed.incrementAndGet();
        }
    }

    /** Head and body as text; null when the connection ended between requests. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                break;
            }
        }
        if (b < 0) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        String lower = text.toLowerCase();
        StringBuilder request = new StringBuilder(text);
        int length = lower.indexOf("\r\ncontent-length:");
        if (length >= 0) {
            int end = lower.indexOf("\r\n", length + 2);
            int n = Integer.parseInt(text.substring(length + 17, end).trim());
            request.append(new String(in.readNBytes(n), StandardCharsets.ISO_8859_1));
        } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (!body.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")
                    && !body.toString(StandardCharsets.ISO_8859_1).equals("0\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                body.write(c);
            }
            request.append(body.toString(StandardCharsets.ISO_8859_1));
        }
        return request.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
