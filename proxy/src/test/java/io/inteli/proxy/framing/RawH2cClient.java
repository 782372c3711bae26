package io.inteli.proxy.framing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/2 client with prior knowledge written frame by frame, for what curl and the JDK client cannot do on demand:
 * reset one stream (RST_STREAM) while keeping the connection open, and timestamp each DATA frame as it arrives.
 * Header blocks use HPACK literals without indexing and without Huffman coding (RFC 7541 6.2.2), so no decoder state
 * is needed to send them; answers' header blocks are not decoded.
 */
final class RawH2cClient implements AutoCloseable {
    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int RST_STREAM = 3;
    static final int SETTINGS = 4;
    static final int PING = 6;
    static final int GOAWAY = 7;
    static final int END_STREAM = 0x1;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** One frame as received, with the System.nanoTime() at which its header was read. */
    record Frame(int type, int flags, int stream, byte[] payload, long receivedAt) {
        String text() {
            return new String(payload, StandardCharsets.ISO_8859_1);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawH2cClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        out.write(PREFACE);
        frame(SETTINGS, 0, 0, new byte[0]);
    }

    /** Sends a GET (HEADERS with END_STREAM and END_HEADERS) for {@code path} on stream {@code id}. */
    void get(int id, String path) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82); // :method GET (static table 2)
        block.write(0x86); // :scheme http (static table 6)
        literal(block, 4, path); // :path
        literal(block, 1, "h2c.example"); // :authority
        frame(HEADERS, 0x5, id, block.toByteArray());
    }

    /** RST_STREAM with CANCEL (0x8), as a browser sends when a page closes its EventSource. */
    void reset(int id) throws IOException {
        frame(RST_STREAM, 0, id, new byte[] {0, 0, 0, 8});
    }

    void ping() throws IOException {
        frame(PING, 0, 0, new byte[8]);
    }

    /** The next frame; SETTINGS and PING from the server are acknowledged on the way. */
    Frame next() throws IOException {
        int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
        long at = System.nanoTime();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        int stream = in.readInt() & 0x7fffffff;
        byte[] payload = new byte[length];
        in.readFully(payload);
        if (type == SETTINGS && (flags & 1) == 0) {
            frame(SETTINGS, 1, 0, new byte[0]);
        } else if (type == PING && (flags & 1) == 0) {
            frame(PING, 1, 0, payload);
        }
        return new Frame(type, flags, stream, payload, at);
    }

    /** The next DATA frame of {@code stream}, skipping all other frames. */
    Frame nextData(int stream) throws IOException {
        while (true) {
            Frame f = next();
            if (f.type() == DATA && f.stream() == stream) {
                return f;
            }
        }
    }

    private static void literal(ByteArrayOutputStream block, int nameIndex, String value) {
        byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
        // literal header field without indexing, name from the static table (index below 15), no Huffman coding
        block.write(nameIndex);
        if (v.length >= 127) {
            throw new IllegalArgumentException("value too long for this client: " + value);
        }
        block.write(v.length);
        block.write(v, 0, v.length);
    }

    private synchronized void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] head = {(byte) (payload.length >>> 16), (byte) (payload.length >>> 8), (byte) payload.length,
                (byte) type, (byte) flags, (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8),
                (byte) stream};
        out.write(head);
        out.write(payload);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
