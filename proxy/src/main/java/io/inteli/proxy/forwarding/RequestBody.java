package io.inteli.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;

import io.inteli.proxy.http.BulkInputStream;

/**
 * The client's body on its way to a backend: counts what was read, so a connect failure can tell whether the
 * body was already (partly) consumed and a retry is still possible, and stops at the configured limit.
 */
final class RequestBody extends BulkInputStream {
    private final InputStream in;
    private final long limit;
    private long read;
    private boolean touched;
    private boolean tooLarge;

    /** @param limit Long.MAX_VALUE for no limit */
    RequestBody(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    boolean touched() {
        return touched;
    }

    boolean tooLarge() {
        return tooLarge;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        touched = true;
        int n = in.read(b, off, len);
        if (n > 0) {
            read += n;
            if (read > limit) {
                tooLarge = true;
                throw new TooLarge();
            }
        }
        return n;
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over inteli.proxy.max-body-size");
        }
    }
}
