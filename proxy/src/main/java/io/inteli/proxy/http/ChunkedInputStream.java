package io.inteli.proxy.http;

import java.io.EOFException;
import java.io.IOException;

/**
 * Decodes a chunked body (RFC 9112 7.1). Chunk extensions and trailer fields are read and dropped: Trailer is
 * hop-by-hop for this proxy. A malformed size line is an {@link IOException}, never a guess.
 */
public final class ChunkedInputStream extends BulkInputStream {
    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILER_LINES = 100;

    private final HttpInput in;
    private long chunkLeft;
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
            chunkLeft = nextChunkSize();
            if (chunkLeft == 0) {
                skipTrailers();
                done = true;
                return -1;
            }
        }
        int n = in.read(target, offset, (int) Math.min(length, chunkLeft));
        if (n < 0) {
            throw new EOFException("connection closed inside a chunk");
        }
        chunkLeft -= n;
        if (chunkLeft == 0) {
            String end = in.readLine(MAX_LINE);
            if (!end.isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
        }
        return n;
    }

    private long nextChunkSize() throws IOException {
        String line = in.readLine(MAX_LINE);
        int end = line.indexOf(';');
        String hex = (end < 0 ? line : line.substring(0, end)).trim();
        if (hex.isEmpty() || hex.length() > 15) {
            throw new IOException("invalid chunk size");
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0) {
                throw new IOException("invalid chunk size");
            }
            size = size * 16 + digit;
        }
        return size;
    }

    private void skipTrailers() throws IOException {
        for (int i = 0; i < MAX_TRAILER_LINES; i++) {
            if (in.readLine(MAX_LINE).isEmpty()) {
                return;
            }
        }
        throw new IOException("too many trailer fields");
    }
}
