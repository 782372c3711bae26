package io.inteli.proxy.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered reader of one HTTP/1.1 connection: header lines and chunk-size lines come out of the same buffer as
 * the body bytes that follow them, so no byte is read past what the message needs.
 */
public final class HttpInput {
    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;

    public HttpInput(InputStream in, int bufferSize) {
        this.in = in;
        this.buffer = new byte[bufferSize];
    }

    /**
     * One line without its CRLF (a bare LF is accepted too, RFC 9112 2.2), as ISO-8859-1 text.
     *
     * @param max longest line accepted, in bytes
     * @throws EOFException when the stream ends before the line does
     * @throws LineTooLong  over {@code max}
     */
    public String readLine(int max) throws IOException {
        StringBuilder spill = null;
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                throw new EOFException(length == 0 && spill == null ? "connection closed"
                        : "connection closed inside a line");
            }
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
                    length += end - position;
                    if (length > max) {
                        throw new LineTooLong(max);
                    }
                    String part = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    if (spill == null) {
                        return part;
                    }
                    String line = spill.append(part).toString();
                    // a CR that ended the previous buffer belongs to the line ending
                    return end == i && line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                }
            }
            length += limit - position;
            if (length > max + 1) {
                throw new LineTooLong(max);
            }
            if (spill == null) {
                spill = new StringBuilder(Math.max(64, length * 2));
            }
            spill.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
            position = limit;
        }
    }

    /** Like {@link InputStream#read(byte[], int, int)}: buffered bytes first, then straight from the stream. */
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            if (length >= buffer.length) {
                return in.read(target, offset, length);
            }
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    public static final class LineTooLong extends IOException {
        LineTooLong(int max) {
            super("line longer than " + max + " bytes");
        }
    }
}
