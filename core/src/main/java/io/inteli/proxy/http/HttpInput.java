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
    private static final byte[] CRLF = {'\r', '\n'};

    private final InputStream in;
    private final byte[] buffer;
    private int position;
    private int limit;
    /** While false, needing more bytes than are buffered is a {@link WouldBlock} instead of a read. */
    private boolean mayRead = true;

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

    /**
     * One line that must end with CRLF exactly and hold no other CR or LF, as chunk-size and trailer lines in a
     * chunked body: a bare LF there is how two parsers come to disagree on where a body ends.
     *
     * @throws MalformedBodyException for a bare CR or LF, or a line over {@code max} (read no further than that)
     * @throws EOFException           when the stream ends before the line does
     */
    String readCrlfLine(int max) throws IOException {
        StringBuilder spill = null;
        // bytes of the line so far, its CR included: at most max + 1
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed inside a line");
            }
            for (int i = position; i < limit; i++) {
                if (buffer[i] == '\n') {
                    length += i - position;
                    if (length > max + 1) {
                        throw new MalformedBodyException("line longer than " + max + " bytes");
                    }
                    String part = new String(buffer, position, i - position, StandardCharsets.ISO_8859_1);
                    position = i + 1;
                    String line = spill == null ? part : spill.append(part).toString();
                    int cr = line.length() - 1;
                    if (cr < 0 || line.charAt(cr) != '\r') {
                        throw new MalformedBodyException("line ended by LF without CR");
                    }
                    if (line.indexOf('\r') != cr) {
                        throw new MalformedBodyException("CR inside a line");
                    }
                    return line.substring(0, cr);
                }
            }
            length += limit - position;
            if (length > max + 1) {
                throw new MalformedBodyException("line longer than " + max + " bytes");
            }
            if (spill == null) {
                spill = new StringBuilder(Math.min(max + 1, Math.max(64, length * 2)));
            }
            spill.append(new String(buffer, position, limit - position, StandardCharsets.ISO_8859_1));
            position = limit;
        }
    }

    /** Consumes exactly CR LF, which must come next. */
    void expectCrlf() throws IOException {
        for (byte expected : CRLF) {
            if (position == limit && !fill()) {
                throw new EOFException("connection closed before a CRLF");
            }
            if (buffer[position] != expected) {
                throw new MalformedBodyException("chunk data not followed by CRLF");
            }
            position++;
        }
    }

    /** Bytes read from the stream and not yet consumed: available without blocking. */
    public int buffered() {
        return limit - position;
    }

    /** Like {@link InputStream#read(byte[], int, int)}: buffered bytes first, then straight from the stream. */
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            if (length >= buffer.length && mayRead) {
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

    /**
     * Runs {@code decode} on the bytes already buffered only: it gets them all, or nothing is consumed and this
     * returns null (it would have had to wait for more, or gave up by returning null itself). How a small body that has fully arrived is taken whole
     * without ever blocking.
     */
    public <T> T fromBuffered(Decoder<T> decode) throws IOException {
        int mark = position;
        mayRead = false;
        try {
            T result = decode.decode();
            if (result == null) {
                position = mark;
            }
            return result;
        } catch (WouldBlock e) {
            position = mark;
            return null;
        } finally {
            mayRead = true;
        }
    }

    /** A decoding step over buffered bytes (see {@link #fromBuffered}). */
    public interface Decoder<T> {
        T decode() throws IOException;
    }

    private boolean fill() throws IOException {
        if (!mayRead) {
            throw WouldBlock.INSTANCE;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    /** More bytes were needed than were buffered, inside {@link #fromBuffered}. */
    private static final class WouldBlock extends IOException {
        static final WouldBlock INSTANCE = new WouldBlock();

        private WouldBlock() {
            super("would block");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            // one shared instance, thrown as control flow
            return this;
        }
    }

    public static final class LineTooLong extends IOException {
        LineTooLong(int max) {
            super("line longer than " + max + " bytes");
        }
    }
}
