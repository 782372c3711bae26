package io.inteli.proxy.http;

import java.io.IOException;
import java.io.InputStream;

/** An input stream that implements only the bulk read; the single-byte read goes through it. */
public abstract class BulkInputStream extends InputStream {
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public abstract int read(byte[] target, int offset, int length) throws IOException;
}
