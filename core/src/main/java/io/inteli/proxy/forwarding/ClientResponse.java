package io.inteli.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.inteli.proxy.http.HeaderLine;

/**
 * What a front door sends back: status, headers and, when there is one, a body that is either copied from the
 * backend as it arrives or, when it is small, already read whole ({@link #sendWhole}). {@link #close()} ends the
 * exchange (frees the backend's in-flight slot, records figures); a front door always closes the answer, after
 * writing the body or instead of it.
 */
public final class ClientResponse implements AutoCloseable {
    /**
     * The copy buffer: the body's declared length when it is known, between 4 and 64 KiB. One large buffer moves a
     * 64 KiB body in one read and one write (16 KiB pieces cost four of each); a small body does not pay for zeroing
     * a large buffer.
     */
    private static final int MIN_BUFFER = 4 * 1024;
    private static final int MAX_BUFFER = 64 * 1024;
    private static final int UNKNOWN_LENGTH_BUFFER = 16 * 1024;

    private final int status;
    private final List<HeaderLine> headers;
    private final InputStream body;
    /** The body when it was read whole, else null. */
    private final byte[] whole;
    private final AutoCloseable source;
    private final Completion completion;
    private final int bufferSize;
    private final long length;
    private long bytesSent;
    private boolean closed;
    /** After a backend's 101: the connection to pump bytes through; null for every other answer. */
    private BackendTunnel tunnel;

    interface Completion {
        /** @param complete false when the body could not be sent whole */
        void done(int status, long bytes, boolean complete);
    }

    /** Sends a body. */
    public interface BodySender {
        void send(byte[] body) throws IOException;
    }

    /** An answer whose body was read whole: nothing streams from the backend any more. */
    ClientResponse(int status, List<HeaderLine> headers, byte[] whole, AutoCloseable source, Completion completion) {
        this(status, headers, null, whole, source, completion, whole.length);
    }

    /** @param length the body's declared length, -1 when unknown */
    ClientResponse(int status, List<HeaderLine> headers, InputStream body, AutoCloseable source, Completion completion,
           long length) {
        this(status, headers, body, null, source, completion, length);
    }

    private ClientResponse(int status, List<HeaderLine> headers, InputStream body, byte[] whole, AutoCloseable source,
                   Completion completion, long length) {
        this.whole = whole;
        this.length = whole != null ? whole.length : length;
        this.bufferSize = length < 0 ? UNKNOWN_LENGTH_BUFFER
                : (int) Math.max(MIN_BUFFER, Math.min(MAX_BUFFER, length));
        this.status = status;
        this.headers = List.copyOf(headers);
        this.body = body;
        this.source = source;
        this.completion = completion;
    }

    /** An answer made by the proxy itself, with a short text body. */
    static ClientResponse local(int status, String text, List<HeaderLine> extraHeaders, Completion completion) {
        byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
        List<HeaderLine> headers = new java.util.ArrayList<>(extraHeaders);
        headers.add(new HeaderLine("Content-Type", "text/plain; charset=UTF-8"));
        headers.add(new HeaderLine("Content-Length", Integer.toString(bytes.length)));
        return new ClientResponse(status, headers, bytes, () -> { }, completion);
    }

    /**
     * A refused request's answer, made before anything was forwarded: the status with its reason phrase as the
     * body, and the connection closed after it.
     */
    public static ClientResponse refusal(int status) {
        List<HeaderLine> headers = status == 405
                ? List.of(new HeaderLine("Allow", Forwarder.ALLOWED), new HeaderLine("Connection", "close"))
                : List.of(new HeaderLine("Connection", "close"));
        return local(status, io.inteli.proxy.http.StatusLine.reason(status), headers, (s, b, c) -> { });
    }

    /**
     * An answer made by another layer in front of the forwarder (the JAX-RS container of the jaxrs front door), whose
     * forwarding was already accounted for there: closing it only closes {@code source}.
     *
     * @param body   null when the answer has no body
     * @param length the body's length when known, else -1
     */
    public static ClientResponse relayed(int status, List<HeaderLine> headers, InputStream body, long length,
                                 AutoCloseable source) {
        return new ClientResponse(status, headers, body, source, (s, b, c) -> { }, length);
    }

    /** 503 while the proxy drains: new requests are refused, the client may retry elsewhere. */
    public static ClientResponse shuttingDown() {
        return local(503, "the proxy is shutting down",
                     List.of(new HeaderLine("Connection", "close"), new HeaderLine("Retry-After", "1")),
                     (s, b, c) -> { });
    }

    public int status() {
        return status;
    }

    /** Non-null when the backend switched to WebSocket: the front door pumps bytes until either side closes. */
    public BackendTunnel tunnel() {
        return tunnel;
    }

    ClientResponse tunnel(BackendTunnel value) {
        tunnel = value;
        return this;
    }

    public List<HeaderLine> headers() {
        return headers;
    }

    /** The body's length when known (read whole, or a backend's Content-Length); -1 otherwise. */
    public long length() {
        return length;
    }

    /** The body when it was read whole, else null. Shared: not to be modified. */
    public byte[] wholeBody() {
        return whole;
    }

    /** The body streaming from the backend; null when it was read whole or there is none. */
    public InputStream bodyStream() {
        return body;
    }

    /**
     * Ends the exchange after a front door sent the body itself.
     *
     * @param complete false when the body could not be sent whole
     */
    public void ended(long bytes, boolean complete) {
        bytesSent = bytes;
        finish(complete);
    }

    /** The proxy itself asked to close the client's connection after this answer (a refused request). */
    public boolean closesConnection() {
        for (HeaderLine h : headers) {
            if (h.is("connection") && h.value().equalsIgnoreCase("close")) {
                return true;
            }
        }
        return false;
    }

    public boolean hasBody() {
        return body != null || whole != null;
    }

    /**
     * When the body was read whole, hands it to {@code sender} in one piece, then ends the exchange: a front door
     * can send it with the head in one write. False, doing nothing, when the body must be streamed with
     * {@link #writeBody}.
     */
    public boolean sendWhole(BodySender sender) throws IOException {
        if (whole == null) {
            return false;
        }
        boolean complete = false;
        try {
            sender.send(whole);
            bytesSent = whole.length;
            complete = true;
        } finally {
            finish(complete);
        }
        return true;
    }

    /**
     * Copies the body to the client, then ends the exchange. The output is flushed whenever the backend has no more
     * bytes ready, so every byte the backend sent reaches the client without waiting for the next ones (server-sent
     * events, streamed exports); while bytes keep coming they are written in large pieces.
     */
    public void writeBody(OutputStream out) throws IOException {
        boolean complete = false;
        try {
            if (whole != null) {
                out.write(whole);
                bytesSent = whole.length;
            } else if (body != null) {
                byte[] buffer = new byte[bufferSize];
                int n;
                while ((n = body.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    bytesSent += n;
                    if (body.available() == 0) {
                        out.flush();
                    }
                }
            }
            complete = true;
        } finally {
            finish(complete);
        }
    }

    @Override
    public void close() {
        finish(!hasBody());
    }

    private void finish(boolean complete) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            source.close();
        } catch (Exception ignored) {
            // the connection is dropped from the pool by the client; nothing more to do
        }
        completion.done(status, bytesSent, complete);
    }

}
