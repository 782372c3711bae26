package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.io.InputStream;

import io.inteli.proxy.forwarding.ClientBodyFailure;
import io.inteli.proxy.http.BulkInputStream;
import io.inteli.proxy.http.ChunkedInputStream;
import io.inteli.proxy.http.FixedLengthInputStream;
import io.inteli.proxy.http.HttpInput;
import io.inteli.proxy.http.RequestFraming;

/**
 * A request body as its framing delimits it on the client connection. Knows when it has ended (the connection can
 * then carry the next request), answers an {@code Expect: 100-continue} on the first read, and turns any failure
 * of the client's side (malformed chunk, over-long chunk line, end of stream, timeout) into a
 * {@link ClientBodyFailure} so that it is not counted against the backend.
 */
final class ClientBody extends BulkInputStream {
    private final InputStream framed;
    private final ClientConnection connection;
    private boolean expectContinue;
    private long left;
    private boolean finished;

    ClientBody(HttpInput in, RequestFraming framing, boolean expectContinue, ClientConnection connection) {
        this.framed = framing.chunked() ? new ChunkedInputStream(in) : new FixedLengthInputStream(in, framing.length());
        this.left = framing.chunked() ? -1 : framing.length();
        this.expectContinue = expectContinue;
        this.connection = connection;
    }

    /** Read to its end: nothing of it is left on the connection. */
    boolean finished() {
        return finished;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (finished) {
            return -1;
        }
        if (expectContinue) {
            expectContinue = false;
            connection.sendContinue();
        }
        int n;
        try {
            n = framed.read(target, offset, length);
        } catch (IOException | RuntimeException e) {
            throw new ClientBodyFailure(connection.timedOut() ? 408 : 400, e);
        }
        if (n < 0) {
            end();
        } else if (left > 0) {
            left -= n;
            if (left == 0) {
                end();
            }
        }
        return n;
    }

    /**
     * What the decoder has at hand without reading the socket (the body streams' {@code available()}), so that the
     * body goes on to the backend before a read would wait.
     */
    @Override
    public int available() throws IOException {
        return finished ? 0 : framed.available();
    }

    private void end() {
        finished = true;
        connection.bodyEnded();
    }
}
