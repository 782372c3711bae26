package io.inteli.proxy.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.inteli.proxy.http.BulkInputStream;
import io.inteli.proxy.http.HeaderLine;


/**
 * A backend's answer: status, headers as received (hop-by-hop ones included: the caller strips them) and a body
 * that streams from the connection. Reading the body to its end gives the connection back to the pool; closing
 * the response before that closes the connection, since the rest of the body would still be on it.
 */
public final class UpstreamResponse implements AutoCloseable {
    private final int status;
    private final List<HeaderLine> headers;
    private final Body body;
    private final long length;

    UpstreamResponse(int status, List<HeaderLine> headers, Body body, long length) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.length = length;
    }

    public int status() {
        return status;
    }

    public List<HeaderLine> headers() {
        return headers;
    }

    /** The body's length as its Content-Length declared it (already checked); -1 when it is framed otherwise. */
    public long length() {
        return length;
    }

    /** The body; at its end at once when the response has none (HEAD, 204, 304). */
    public InputStream body() {
        return body;
    }

    @Override
    public void close() {
        body.abandon();
    }

    /** A body stream that hands its connection back (or closes it) exactly once, when the exchange is over. */
    static final class Body extends BulkInputStream {
        interface End {
            /** @param reusable the message ended cleanly and the connection may carry another */
            void ended(boolean reusable);
        }

        private final InputStream framed;
        private final boolean keepAlive;
        private final End end;
        private boolean over;

        /**
         * @param framed    the body as framed on the connection; null when the response has none
         * @param keepAlive whether the connection may carry another exchange once the body has ended
         */
        Body(InputStream framed, boolean keepAlive, End end) {
            this.framed = framed == null ? InputStream.nullInputStream() : framed;
            this.keepAlive = keepAlive;
            this.end = end;
            if (framed == null) {
                finish(keepAlive);
            }
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (over) {
                return -1;
            }
            int n;
            try {
                n = framed.read(target, offset, length);
            } catch (IOException | RuntimeException e) {
                finish(false);
                throw e;
            }
            if (n < 0) {
                finish(keepAlive);
            }
            return n;
        }

        @Override
        public void close() {
            abandon();
        }

        void abandon() {
            finish(false);
        }

        private void finish(boolean reusable) {
            if (!over) {
                over = true;
                end.ended(reusable);
            }
        }
    }
}
