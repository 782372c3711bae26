package io.inteli.proxy.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Encodes a body of unknown length as chunks (RFC 9112 7.1): one chunk per write, no extensions, no trailers;
 * {@link #finish()} writes the last chunk. It does not flush: the caller does, when nothing more is at hand.
 */
public final class ChunkedOutputStream extends OutputStream {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST = {'0', '\r', '\n', '\r', '\n'};
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private final OutputStream out;
    /** The size line of the chunk being written: up to 8 hex digits and CRLF. */
    private final byte[] sizeLine = new byte[10];

    /** @param out the connection's stream, left open */
    public ChunkedOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            // an empty chunk would end the body
            return;
        }
        int at = sizeLine.length - 2;
        sizeLine[at] = '\r';
        sizeLine[at + 1] = '\n';
        for (int n = length; n != 0; n >>>= 4) {
            sizeLine[--at] = HEX[n & 0xf];
        }
        out.write(sizeLine, at, sizeLine.length - at);
        out.write(bytes, offset, length);
        out.write(CRLF);
    }

    public void finish() throws IOException {
        out.write(LAST);
    }
}
