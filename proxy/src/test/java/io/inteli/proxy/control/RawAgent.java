package io.inteli.proxy.control;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import io.inteli.protocol.Message;
import io.inteli.protocol.MessageCodec;
import io.inteli.protocol.Signatures;
import io.inteli.testsupport.TestTls;

/**
 * A WebSocket-over-TLS client written for the tests: it can send what real clients refuse to (binary frames,
 * oversized frames, garbage) and can stay silent on pings, which the JDK client always answers.
 */
final class RawAgent implements AutoCloseable {
    static final String SECRET = "inteli-test-secret-0123456789abcdef";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SSLSocket socket;
    private final java.net.Socket tcp;
    private final InputStream in;
    private final OutputStream out;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private final X509Certificate serverCertificate;
    private volatile boolean answerPings = true;
    private volatile boolean emptyPongs;
    private int pingsSeen;

    /** A received close frame; code -1 when the socket ended without one. */
    record Close(int code, String reason) {
    }

    private RawAgent(java.net.Socket tcp, SSLSocket socket, String subprotocol) throws IOException {
        this.tcp = tcp;
        this.socket = socket;
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        this.serverCertificate = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString(RANDOM.generateSeed(16));
        String request = "GET /registry HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + status);
        }
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            responseHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
    }

    static RawAgent connect(int port) throws IOException {
        return connect(port, "inteli-v1");
    }

    static RawAgent connect(int port, String subprotocol) throws IOException {
        java.net.Socket tcp = new java.net.Socket("127.0.0.1", port);
        return new RawAgent(tcp, (SSLSocket) TestTls.trustAll().getSocketFactory()
                .createSocket(tcp, "127.0.0.1", port, true), subprotocol);
    }

    /** Connects, authenticates and starts; returns the agent right after {@code started}. */
    static RawAgent started(int port, String agentId, String startJson) throws Exception {
        RawAgent agent = connect(port);
        agent.authenticate(agentId);
        agent.sendText(startJson);
        agent.expect(Message.Started.class);
        return agent;
    }

    /** Reads the challenge, answers it with a correct signature and expects {@code accepted}. */
    Message.Accepted authenticate(String agentId) throws Exception {
        return authenticate(agentId, SECRET);
    }

    Message.Accepted authenticate(String agentId, String secret) throws Exception {
        Message.Challenge challenge = expect(Message.Challenge.class);
        sendText(auth(agentId, Signatures.sign(secret, challenge.nonce(), agentId)));
        return expect(Message.Accepted.class);
    }

    static String auth(String agentId, String signature) {
        return MessageCodec.encode(new Message.Auth(agentId, signature));
    }

    static String start(String url) {
        return MessageCodec.encode(new Message.Start(url, 3, List.of("/orders", "/")));
    }

    String responseHeader(String name) {
        return responseHeaders.get(name.toLowerCase(Locale.ROOT));
    }

    X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /** Answer pings with an empty pong, as some WebSocket clients (Tyrus) do. */
    void emptyPongs(boolean empty) {
        this.emptyPongs = empty;
    }

    void answerPings(boolean answer) {
        this.answerPings = answer;
    }

    synchronized int pingsSeen() {
        return pingsSeen;
    }

    void sendText(String text) throws IOException {
        sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8), true);
    }

    void sendBinary(byte[] data) throws IOException {
        sendFrame(0x2, data, true);
    }

    void sendClose(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        sendFrame(0x8, payload, true);
    }

    synchronized void sendFrame(int opcode, byte[] payload, boolean fin) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next text frame, decoded; pings are answered (or not) on the way; a close frame fails. */
    <T extends Message> T expect(Class<T> type) throws Exception {
        String text = nextText();
        Message message = MessageCodec.decode(text);
        if (!type.isInstance(message)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + text);
        }
        return type.cast(message);
    }

    String nextText() throws IOException {
        while (true) {
            Frame frame = readFrame();
            switch (frame.opcode()) {
            case 0x1 -> {
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
            case 0x8 -> throw new AssertionError("closed while waiting for a message: " + close(frame));
            default -> { }
            }
        }
    }

    /** The payload of the next pong (text frames before it are skipped). */
    byte[] awaitPong() throws IOException {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == 0xA) {
                return frame.payload();
            }
            if (frame.opcode() == 0x8) {
                throw new AssertionError("closed while waiting for a pong: " + close(frame));
            }
        }
    }

    /** Reads until the close frame (text frames before it are skipped) or the end of the socket. */
    Close awaitClose() throws IOException {
        while (true) {
            Frame frame;
            try {
                frame = readFrame();
            } catch (EOFException | javax.net.ssl.SSLException | java.net.SocketException e) {
                return new Close(-1, "socket ended: " + e.getMessage());
            }
            if (frame.opcode() == 0x8) {
                Close close = close(frame);
                try {
                    sendClose(close.code() == 1005 ? 1000 : close.code(), "");
                } catch (IOException ignored) {
                    // the proxy may have closed the socket already
                }
                return close;
            }
        }
    }

    /** The next text frame if one comes within the time (pings are handled on the way), else null. */
    String textWithin(int millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        try {
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return null;
                }
                socket.setSoTimeout((int) left);
                Frame frame = readFrame();
                if (frame.opcode() == 0x1) {
                    return new String(frame.payload(), StandardCharsets.UTF_8);
                }
                if (frame.opcode() == 0x8) {
                    throw new AssertionError("closed: " + close(frame));
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    /** True when the proxy ended the TCP connection (EOF) within the read timeout. */
    /**
     * Drops the connection without a close frame, as a crashed process or a dead link does: a FIN, or with
     * {@code reset} a TCP reset (SO_LINGER 0).
     */
    void vanish(boolean reset) throws IOException {
        // the TCP socket under the TLS one: no close_notify either, the bytes just stop
        if (reset) {
            tcp.setSoLinger(true, 0);
        }
        tcp.close();
    }

    void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    boolean endsWithin(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            while (true) {
                readFrame();
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException | javax.net.ssl.SSLException | java.net.SocketException e) {
            return true;
        }
    }

    private static Close close(Frame frame) {
        byte[] p = frame.payload();
        if (p.length < 2) {
            return new Close(1005, "");
        }
        return new Close(((p[0] & 0xff) << 8) | (p[1] & 0xff), new String(p, 2, p.length - 2, StandardCharsets.UTF_8));
    }

    private record Frame(int opcode, byte[] payload) {
    }

    /** One frame; a ping is answered (unless told not to) and returned too, so that callers see time pass. */
    private Frame readFrame() throws IOException {
        DataInputStream data = new DataInputStream(in);
        int b0 = data.readUnsignedByte();
        int b1 = data.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        byte[] payload = new byte[(int) length];
        data.readFully(payload);
        int opcode = b0 & 0x0f;
        if (opcode == 0x9) {
            synchronized (this) {
                pingsSeen++;
            }
            if (answerPings) {
                sendFrame(0xA, emptyPongs ? new byte[0] : payload, true);
            }
        }
        return new Frame(opcode, payload);
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c == -1 && line.size() == 0) {
            throw new EOFException("socket ended during the handshake");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
