package io.inteli.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

import io.inteli.proxy.http.BulkInputStream;

/**
 * The client's body on its way to a backend: counts what was read, so a connect failure can tell whether the
 * body was already (partly) consumed and a retry is still possible, and stops at the configured limit.
 */
final class RequestBody extends BulkInputStream {
    // opened on the first read: a front door's entity stream costs something, and most requests have no body
    private final Supplier<InputStream> opener;
    private InputStream in;
    private final long limit;
    private long read;
    private boolean touched;
    private boolean tooLarge;
    private ClientBodyFailure clientFailure;

    /** @param limit Long.MAX_VALUE for no limit */
    RequestBody(Supplier<InputStream> opener, long limit) {
        this.opener = opener;
        this.limit = limit;
    }

    boolean touched() {
        return touched;
    }

    /** Why the client's body broke, if it did; null otherwise. */
    ClientBodyFailure clientFailure() {
        return clientFailure;
    }

    boolean tooLarge() {
        return tooLarge;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        touched = true;
        if (in == null) {
            in = opener.get();
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (ClientBodyFailure e) {
            clientFailure = e;
            throw e;
        }
        if (n > 0) {
            read += n;
            if (read > limit) {
                tooLarge = true;
                throw new TooLarge();
            }
        }
        return n;
    }

    /** What the client's stream has at hand, so the body is sent on to the backend before a read would wait. */
    @Override
    public int available() throws IOException {
        if (in == null) {
            in = opener.get();
        }
        return in.available();
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over inteli.proxy.max-body-size");
        }
    }
}
