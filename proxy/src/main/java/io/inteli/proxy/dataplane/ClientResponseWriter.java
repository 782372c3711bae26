package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.inteli.proxy.forwarding.ClientResponse;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.NoBody;
import io.inteli.proxy.http.StatusLine;

/**
 * Writes answers on one client connection, deciding their framing itself: a small complete answer as head and body
 * in one write; a streamed body with its Content-Length when known, else chunked (close-delimited to an HTTP/1.0
 * client), coalescing what the backend has ready and writing as soon as its next read would block, so every byte a
 * backend sent reaches the client without waiting for more. No header from the answer frames it: Content-Length,
 * Transfer-Encoding and Connection are the writer's.
 */
final class ClientResponseWriter {
    /** Largest body piece per write: a 64 KiB answer moves in one read and one write. */
    private static final int PIECE = 64 * 1024;
    /** Chunk-size lines have a fixed width (leading zeros are valid hex), so a chunk is framed in place. */
    private static final int SIZE_LINE = 8;
    /** The buffer a connection keeps between answers: a head and a small body. */
    private static final int KEPT_BUFFER = 20 * 1024;
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);

    private final DataWriter out;
    private byte[] buffer = new byte[KEPT_BUFFER];

    ClientResponseWriter(DataWriter out) {
        this.out = out;
    }

    void sendContinue() throws IOException {
        write(CONTINUE, CONTINUE.length);
    }

    /**
     * Writes the answer and ends its exchange.
     *
     * @param headRequest the request was HEAD: a head only, whatever the answer holds
     * @param http10      the client spoke HTTP/1.0
     * @param keepAlive   whether the connection may stay open, as far as the request and the proxy are concerned
     * @return whether the connection may carry another request
     */
    boolean write(ClientResponse answer, boolean headRequest, boolean http10, boolean keepAlive) throws IOException {
        byte[] whole = answer.wholeBody();
        InputStream stream = answer.bodyStream();
        boolean body = !headRequest && (whole != null || stream != null);
        boolean chunked = body && whole == null && answer.length() < 0;
        if (chunked && http10) {
            // no chunked coding for HTTP/1.0: the body ends when the connection does
            keepAlive = false;
            chunked = false;
        }
        int at = head(answer, body, chunked, http10, keepAlive);
        if (!body) {
            boolean complete = false;
            try {
                write(buffer, at);
                complete = true;
            } finally {
                answer.ended(0, complete);
            }
            return keepAlive;
        }
        if (whole != null) {
            boolean complete = false;
            try {
                at = put(at, whole, whole.length);
                // other connections with answers ready get to their writes too: answers leave in bursts
                Thread.yield();
                write(buffer, at);
                complete = true;
            } finally {
                answer.ended(whole.length, complete);
            }
            return keepAlive;
        }
        stream(answer, stream, at, chunked);
        return keepAlive;
    }

    private void stream(ClientResponse answer, InputStream body, int at, boolean chunked) throws IOException {
        long length = answer.length();
        int piece = length < 0 ? PIECE : (int) Math.min(PIECE, Math.max(1, length));
        int tail = chunked ? 2 + LAST_CHUNK.length : 0;
        ensure(at + (chunked ? SIZE_LINE : 0) + piece + tail);
        byte[] buf = buffer;
        int pieceEnd = buf.length - tail;
        long sent = 0;
        boolean complete = false;
        try {
            while (true) {
                int dataAt = chunked ? at + SIZE_LINE : at;
                if (pieceEnd - dataAt < 1024 && at > 0) {
                    write(buf, at);
                    at = 0;
                    continue;
                }
                int n = body.read(buf, dataAt, pieceEnd - dataAt);
                if (n < 0) {
                    break;
                }
                if (n == 0) {
                    continue;
                }
                sent += n;
                if (chunked) {
                    sizeLine(buf, at, n);
                    buf[dataAt + n] = '\r';
                    buf[dataAt + n + 1] = '\n';
                    at = dataAt + n + 2;
                } else {
                    at = dataAt + n;
                }
                if (body.available() <= 0) {
                    // the next read would wait: what the backend sent goes out now
                    write(buf, at);
                    at = 0;
                }
            }
            if (chunked) {
                System.arraycopy(LAST_CHUNK, 0, buf, at, LAST_CHUNK.length);
                at += LAST_CHUNK.length;
            }
            if (at > 0) {
                write(buf, at);
            }
            complete = true;
        } finally {
            answer.ended(sent, complete);
            if (buffer.length > KEPT_BUFFER) {
                // an idle keep-alive connection does not hold a streaming buffer: thousands of them would
                buffer = new byte[KEPT_BUFFER];
            }
        }
    }

    private static void sizeLine(byte[] buf, int at, int n) {
        for (int i = SIZE_LINE - 3; i >= 0; i--) {
            buf[at + i] = HEX[n & 0xf];
            n >>>= 4;
        }
        buf[at + SIZE_LINE - 2] = '\r';
        buf[at + SIZE_LINE - 1] = '\n';
    }

    /** Puts the head into the buffer; returns its length. */
    private int head(ClientResponse answer, boolean body, boolean chunked, boolean http10, boolean keepAlive) {
        int status = answer.status();
        int at = put(0, StatusLine.of(status));
        // a length on a bodiless answer is passed on (HEAD, 304) but never used for framing; 204 and 1xx have none
        boolean keepLength = !body && NoBody.mayDeclareLength(status);
        List<HeaderLine> headers = answer.headers();
        for (int i = 0; i < headers.size(); i++) {
            HeaderLine h = headers.get(i);
            String name = h.name();
            if ((name.length() == 10 && h.is("connection"))
                    || (name.length() == 17 && h.is("transfer-encoding"))
                    || (!keepLength && name.length() == 14 && h.is("content-length"))) {
                continue;
            }
            at = put(at, name);
            at = put(at, ": ");
            at = put(at, h.value());
            at = crlf(at);
        }
        if (body) {
            if (chunked) {
                at = put(at, "Transfer-Encoding: chunked");
                at = crlf(at);
            } else if (answer.length() >= 0) {
                at = put(at, "Content-Length: ");
                at = put(at, Long.toString(answer.length()));
                at = crlf(at);
            }
        }
        if (!keepAlive) {
            at = put(at, "Connection: close");
            at = crlf(at);
        } else if (http10) {
            at = put(at, "Connection: keep-alive");
            at = crlf(at);
        }
        return crlf(at);
    }

    private int crlf(int at) {
        ensure(at + 2);
        buffer[at] = '\r';
        buffer[at + 1] = '\n';
        return at + 2;
    }

    /** Header text as ISO-8859-1 bytes: obs-text the backend sent goes back unchanged. */
    private int put(int at, String s) {
        int n = s.length();
        ensure(at + n);
        byte[] b = buffer;
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) s.charAt(i);
        }
        return at + n;
    }

    private int put(int at, byte[] bytes) {
        return put(at, bytes, bytes.length);
    }

    private int put(int at, byte[] bytes, int n) {
        ensure(at + n);
        System.arraycopy(bytes, 0, buffer, at, n);
        return at + n;
    }

    private void ensure(int size) {
        if (size > buffer.length) {
            buffer = java.util.Arrays.copyOf(buffer, Math.max(size, buffer.length * 2));
        }
    }

    private void write(byte[] bytes, int n) throws IOException {
        try {
            out.writeNow(BufferData.create(bytes, 0, n));
        } catch (RuntimeException e) {
            // Helidon reports a socket that failed as an unchecked exception: the client went away
            throw new ClientGone(e);
        }
    }

    /** The client's connection failed while an answer was written. */
    static final class ClientGone extends IOException {
        ClientGone(Throwable cause) {
            super("client connection closed", cause);
        }
    }
}
