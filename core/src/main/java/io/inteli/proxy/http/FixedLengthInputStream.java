package io.inteli.proxy.http;

import java.io.EOFException;
import java.io.IOException;

/**
 * A body of a declared Content-Length: ends after that many bytes, without reading past them; a connection that
 * closes before is an error. A read returns what is buffered without waiting for more.
 */
public final class FixedLengthInputStream extends BulkInputStream {
    private final HttpInput in;
    private long left;

    public FixedLengthInputStream(HttpInput in, long length) {
        this.in = in;
        this.left = length;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (left == 0) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = in.read(target, offset, (int) Math.min(length, left));
        if (n < 0) {
            throw new EOFException("connection closed with " + left + " bytes of the body missing");
        }
        left -= n;
        return n;
    }

    /** The bytes of the body already buffered: readable without blocking. */
    @Override
    public int available() {
        return (int) Math.min(left, in.buffered());
    }

    /** True once every declared byte has been read. */
    boolean ended() {
        return left == 0;
    }
}
