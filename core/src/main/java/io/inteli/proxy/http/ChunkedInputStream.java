package io.inteli.proxy.http;

import java.io.EOFException;
import java.io.IOException;

/**
 * Decodes a chunked body (RFC 9112 7.1) strictly, for requests and answers alike: a chunk-size line is hex digits
 * (at most 15 significant ones), then optional chunk extensions, which are checked against the grammar and ignored,
 * all within {@link #MAX_LINE} bytes and ended by CRLF; each chunk's data is followed by CRLF exactly; trailer
 * fields are checked, bounded and dropped (Trailer is hop-by-hop for this proxy), and the final CRLF is required.
 * Anything else is a {@link MalformedBodyException}, never a guess; a stream that ends early is an
 * {@link EOFException}.
 *
 * <p>A read returns the data of the current chunk that is already buffered without waiting for more, and
 * {@link #available()} says how much that is, so a copier can flush what it has before a read that would block.
 */
public final class ChunkedInputStream extends BulkInputStream {
    /** Longest chunk-size line, extensions included; a longer one is refused after reading this much. */
    static final int MAX_LINE = 4096;
    static final int MAX_TRAILER_FIELDS = 100;
    static final int MAX_TRAILER_SECTION = 16 * 1024;
    private static final int MAX_SIGNIFICANT_DIGITS = 15;

    private final HttpInput in;
    private long chunkLeft;
    /** The CRLF after a chunk's data is still to be read (left to the next read, so that read does not wait). */
    private boolean crlfDue;
    private boolean done;

    public ChunkedInputStream(HttpInput in) {
        this.in = in;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        if (chunkLeft == 0) {
            if (crlfDue) {
                in.expectCrlf();
                crlfDue = false;
            }
            chunkLeft = nextChunkSize();
            if (chunkLeft == 0) {
                readTrailers();
                done = true;
                return -1;
            }
        }
        int n = in.read(target, offset, (int) Math.min(length, chunkLeft));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        chunkLeft -= n;
        crlfDue = chunkLeft == 0;
        return n;
    }

    /** The bytes of the current chunk already buffered: readable without blocking. */
    @Override
    public int available() {
        return done || chunkLeft == 0 ? 0 : (int) Math.min(chunkLeft, in.buffered());
    }

    /** True once the last chunk and the trailer section have been read. */
    boolean ended() {
        return done;
    }

    private long nextChunkSize() throws IOException {
        String line = in.readCrlfLine(MAX_LINE);
        int i = 0;
        int end = line.length();
        while (i < end && line.charAt(i) == '0') {
            i++;
        }
        int digitsStart = i;
        long size = 0;
        while (i < end) {
            int digit = hexDigit(line.charAt(i));
            if (digit < 0) {
                break;
            }
            size = size << 4 | digit;
            i++;
        }
        if (i == 0) {
            throw new MalformedBodyException("chunk size is not a hex number");
        }
        if (i - digitsStart > MAX_SIGNIFICANT_DIGITS) {
            throw new MalformedBodyException("chunk size too large");
        }
        checkExtensions(line, i);
        return size;
    }

    /** chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ), RFC 9112 7.1.1. */
    private static void checkExtensions(String line, int i) throws MalformedBodyException {
        int end = line.length();
        while (true) {
            i = skipWhitespace(line, i);
            if (i == end) {
                return;
            }
            if (line.charAt(i) != ';') {
                throw new MalformedBodyException("invalid chunk-size line");
            }
            i = skipWhitespace(line, i + 1);
            int name = i;
            i = skipToken(line, i);
            if (i == name) {
                throw new MalformedBodyException("chunk extension without a name");
            }
            int afterName = skipWhitespace(line, i);
            if (afterName < end && line.charAt(afterName) == '=') {
                i = skipWhitespace(line, afterName + 1);
                if (i < end && line.charAt(i) == '"') {
                    i = skipQuotedString(line, i);
                } else {
                    int value = i;
                    i = skipToken(line, i);
                    if (i == value) {
                        throw new MalformedBodyException("chunk extension without a value after '='");
                    }
                }
            }
        }
    }

    private static int skipWhitespace(String line, int i) {
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipToken(String line, int i) {
        while (i < line.length() && Tokens.isTokenChar(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** From the opening quote to just after the closing one (RFC 9110 5.6.4). */
    private static int skipQuotedString(String line, int i) throws MalformedBodyException {
        for (i++; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i == line.length() || !isQuotable(line.charAt(i))) {
                    throw new MalformedBodyException("invalid quoted-pair in a chunk extension");
                }
            } else if (!isQuotable(c)) {
                throw new MalformedBodyException("invalid character in a chunk extension");
            }
        }
        throw new MalformedBodyException("unterminated quoted string in a chunk extension");
    }

    /** HTAB, SP, VCHAR and obs-text: what may appear inside a quoted string. */
    private static boolean isQuotable(char c) {
        return c == '\t' || (c >= ' ' && c != 127 && c <= 0xff);
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void readTrailers() throws IOException {
        int size = 0;
        for (int fields = 0; ; fields++) {
            String line = in.readCrlfLine(MAX_LINE);
            if (line.isEmpty()) {
                return;
            }
            size += line.length() + 2;
            if (fields == MAX_TRAILER_FIELDS || size > MAX_TRAILER_SECTION) {
                throw new MalformedBodyException("trailer section too large");
            }
            checkTrailerField(line);
        }
    }

    private static void checkTrailerField(String line) throws MalformedBodyException {
        int colon = line.indexOf(':');
        if (colon <= 0 || !Tokens.isToken(line.substring(0, colon))) {
            throw new MalformedBodyException("invalid trailer field");
        }
        for (int i = colon + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if ((c < ' ' && c != '\t') || c == 127) {
                throw new MalformedBodyException("control character in a trailer field");
            }
        }
    }
}
