package io.inteli.proxy.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.List;

import io.inteli.proxy.http.BulkInputStream;
import io.inteli.proxy.http.ChunkedInputStream;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.HttpInput;
import io.inteli.proxy.http.MalformedBodyException;

/**
 * A backend's answer: status, headers as received but without Content-Length and Transfer-Encoding (hop-by-hop
 * ones are still there: the caller strips them), and a body that streams from the connection. The framing toward
 * the client is the caller's to decide from {@link #length()} and {@link #advertisedLength()}, never from the
 * backend's fields.
 *
 * <p>Reading the body to its end gives the connection back to the pool when the answer ended exactly there;
 * closing the response before that closes the connection, since the rest of the body would still be on it.
 */
public final class BackendResponse implements AutoCloseable {
    private final int status;
    private final List<HeaderLine> headers;
    private final Body body;
    private final boolean hasBody;
    private final long length;
    private final long advertisedLength;
    private final OutputStream tunnel;

    BackendResponse(int status, List<HeaderLine> headers, Body body, boolean hasBody, long length,
                     long advertisedLength, OutputStream tunnel) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.hasBody = hasBody;
        this.length = length;
        this.advertisedLength = advertisedLength;
        this.tunnel = tunnel;
    }

    public int status() {
        return status;
    }

    /** The header fields as received, Content-Length and Transfer-Encoding excepted. */
    public List<HeaderLine> headers() {
        return headers;
    }

    /**
     * False when the answer has no body by RFC 9112 6.3 (to HEAD, 1xx, 204, 304), whatever its fields say; then
     * {@link #body()} is at its end at once.
     */
    public boolean hasBody() {
        return hasBody;
    }

    /**
     * The body's length when it is known in advance (a Content-Length framed it; 0 without a body); -1 when it is
     * not (chunked, or until the backend closes): then the client gets it chunked, or close-delimited.
     */
    public long length() {
        return length;
    }

    /** True when {@link #length()} is known, so the answer to the client can carry a Content-Length. */
    boolean lengthKnown() {
        return length >= 0;
    }

    /**
     * The Content-Length to send to the client, -1 for none: the body's length, or for an answer to HEAD and a 304
     * the length the backend declared (RFC 9110 8.6: the length a GET would have had), which frames nothing. Never
     * one on a 204 or 1xx.
     */
    public long advertisedLength() {
        return advertisedLength;
    }

    /**
     * The body: at its end at once when the response has none. Reads return what has arrived without waiting for
     * more, and {@link InputStream#available()} says how much is there, so a copier can flush when it is 0. An
     * answer that breaks off fails with a {@link BackendException}.
     */
    public InputStream body() {
        return body;
    }

    /**
     * The whole body when it is chunked, has already arrived complete (in what was read with the head) and is at
     * most {@code limit} bytes decoded: taken without waiting, so a small chunked answer can go out whole with a
     * Content-Length, and a malformed one is still a clean 502. Null when it has not all arrived, is larger, or is
     * not chunked; then nothing was consumed and {@link #body()} streams it.
     */
    public byte[] bodyIfArrived(int limit) throws BackendException {
        return body.ifArrived(limit);
    }

    /** True for a 101 to a request that asked for an upgrade: the connection is a tunnel from here on. */
    public boolean upgraded() {
        return tunnel != null;
    }

    /**
     * After a 101: the stream to the backend (flush after writing); the backend's bytes come from {@link #body()}
     * until it closes. Reads are not timed on a tunnel. Closing this stream half-closes the connection (shutdown of
     * its output); closing the response closes the connection.
     */
    public OutputStream tunnelToBackend() {
        if (tunnel == null) {
            throw new IllegalStateException("not an upgraded connection");
        }
        return tunnel;
    }

    /** Ends the exchange; a body not read to its end leaves its connection closed, never pooled. */
    @Override
    public void close() {
        body.abandon();
    }

    /**
     * A body stream that hands its connection back (or closes it) exactly once, when the exchange is over. Its
     * failures are {@link BackendException}s of the kind that says what went wrong.
     */
    static final class Body extends BulkInputStream {
        interface End {
            /** @param reusable the message ended cleanly and the connection may carry another */
            void ended(boolean reusable);
        }

        private final InputStream framed;
        private final HttpInput connection;
        private final boolean keepAlive;
        private final End end;
        /** A tunnel's: the backend's end of output is a half close, and the connection stays open until closed. */
        private final boolean tunnel;
        private boolean over;

        /**
         * @param framed     the body as framed on the connection; null when the response has none
         * @param connection what the body is read from, to check that nothing follows the answer
         * @param keepAlive  whether the connection may carry another exchange once the body has ended
         */
        Body(InputStream framed, HttpInput connection, boolean keepAlive, End end) {
            this(framed, connection, keepAlive, end, false);
        }

        /** A tunnel's bytes from the backend: reading their end leaves the connection open for the other way. */
        static Body tunnel(InputStream untilClose, HttpInput connection, End end) {
            return new Body(untilClose, connection, false, end, true);
        }

        private Body(InputStream framed, HttpInput connection, boolean keepAlive, End end, boolean tunnel) {
            this.tunnel = tunnel;
            this.framed = framed == null ? InputStream.nullInputStream() : framed;
            this.connection = connection;
            this.keepAlive = keepAlive;
            this.end = end;
            if (framed == null) {
                finish(keepAlive);
            }
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (over) {
                return -1;
            }
            int n;
            try {
                n = framed.read(target, offset, length);
            } catch (IOException | RuntimeException e) {
                finish(false);
                throw classify(e);
            }
            if (n < 0 && tunnel) {
                return -1;
            }
            if (n < 0) {
                if (connection.buffered() > 0) {
                    // a second answer, or junk, right behind this one: it would be handed to the next client
                    finish(false);
                    throw BackendException.invalid("bytes past the end of the answer");
                }
                finish(keepAlive);
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return over ? 0 : framed.available();
        }

        byte[] ifArrived(int limit) throws BackendException {
            if (over || !(framed instanceof ChunkedInputStream) || connection.buffered() == 0) {
                return null;
            }
            byte[] whole;
            try {
                whole = connection.fromBuffered(() -> {
                    // a decoder of its own: the body's stays at the start if this comes to nothing
                    ChunkedInputStream trial = new ChunkedInputStream(connection);
                    // the decoded body is shorter than the bytes it came in
                    byte[] bytes = new byte[Math.min(limit, connection.buffered()) + 1];
                    int n = 0;
                    int r;
                    while (n < bytes.length && (r = trial.read(bytes, n, bytes.length - n)) > 0) {
                        n += r;
                    }
                    return n == bytes.length ? null : java.util.Arrays.copyOf(bytes, n);
                });
                if (whole != null) {
                    // the end was reached: the framed stream would now return -1
                    if (connection.buffered() > 0) {
                        throw BackendException.invalid("bytes past the end of the answer");
                    }
                    finish(keepAlive);
                }
                return whole;
            } catch (IOException | RuntimeException e) {
                finish(false);
                throw classify(e);
            }
        }

        @Override
        public void close() {
            abandon();
        }

        void abandon() {
            finish(false);
        }

        private void finish(boolean reusable) {
            if (!over) {
                over = true;
                end.ended(reusable);
            }
        }

        private static BackendException classify(Throwable e) {
            if (e instanceof BackendException b) {
                return b;
            }
            if (e instanceof SocketTimeoutException) {
                return new BackendException(BackendException.Kind.READ_TIMEOUT, "backend answer stalled", e);
            }
            if (e instanceof MalformedBodyException) {
                return new BackendException(BackendException.Kind.INVALID_ANSWER,
                                            "backend sent an invalid response: " + e.getMessage(), e);
            }
            return new BackendException(BackendException.Kind.CONNECTION_LOST,
                                        "backend connection lost inside the answer: " + e.getMessage(), e);
        }
    }
}
