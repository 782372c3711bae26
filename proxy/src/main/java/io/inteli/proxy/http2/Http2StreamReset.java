package io.inteli.proxy.http2;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;

import io.helidon.http.http2.Http2Stream;
import io.helidon.http.http2.Http2StreamState;
import io.helidon.webserver.http.ServerResponse;

/**
 * Ends a streamed answer whose HTTP/2 stream the client reset. Helidon 4.2.6 marks the stream CLOSED when the
 * client's RST_STREAM arrives, but goes on taking DATA for it without a word ({@code Http2ServerStream.writeData}
 * does not look at the state), and the connection stays open: a client that cancels a stream (a browser closing an
 * EventSource, a fetch aborted) would have the answer copied from the backend for as long as the backend sends,
 * holding the backend connection and the in-flight slot. Helidon exposes the stream nowhere but in a private field
 * of its response, read here by reflection; without it (another Helidon) nothing is watched.
 */
final class Http2StreamReset {
    private static final System.Logger LOG = System.getLogger(Http2StreamReset.class.getName());
    private static final Field STREAM = streamField();

    private Http2StreamReset() {
    }

    /**
     * {@code out}, failing its next write or flush once the client has reset the stream: with an
     * {@link UncheckedIOException}, which Helidon's routing lets through to the stream's own handling (it ends the
     * stream without an error page or a log line).
     */
    static OutputStream watch(ServerResponse res, OutputStream out) {
        Http2Stream stream = stream(res);
        return stream == null ? out : new Watched(out, stream);
    }

    /** The HTTP/2 stream of {@code res}; null when it cannot be reached. */
    static Http2Stream stream(ServerResponse res) {
        if (STREAM == null || !STREAM.getDeclaringClass().isInstance(res)) {
            return null;
        }
        try {
            return STREAM.get(res) instanceof Http2Stream s ? s : null;
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static Field streamField() {
        try {
            Field f = Class.forName("io.helidon.webserver.http2.Http2ServerResponse").getDeclaredField("stream");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "HTTP/2 stream resets are not watched", e);
            return null;
        }
    }

    private static final class Watched extends OutputStream {
        private final OutputStream out;
        private final Http2Stream stream;

        Watched(OutputStream out, Http2Stream stream) {
            this.out = out;
            this.stream = stream;
        }

        private void check() {
            // while the answer is written, CLOSED can only come from the client (RST_STREAM); Helidon itself sets it
            // after the route has returned
            if (stream.streamState() == Http2StreamState.CLOSED) {
                throw new UncheckedIOException(new IOException("the client reset the stream"));
            }
        }

        @Override
        public void write(int b) throws IOException {
            check();
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check();
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            check();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
