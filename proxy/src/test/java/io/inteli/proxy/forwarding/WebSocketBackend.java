package io.inteli.proxy.forwarding;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real WebSocket server (RFC 6455) on 127.0.0.1, port 0, written for these tests: it completes the handshake of
 * a request with "Upgrade: websocket" and echoes every data frame as it came (opcode, fin, payload), answers a ping
 * with a pong and a close with the same close code. A text message "close:NNNN" makes it send a close frame with
 * code NNNN itself; one starting with "slow:" is echoed after 300 ms; "halfclose" is echoed, then the server
 * half-closes (ends its output) and records the text messages that still come in {@link #afterHalfClose}. Its end of input closes the connection. A
 * request to /status/NNN (or any request without a WebSocket upgrade) is answered with that status (200 by
 * default) and a body listing the request's header lines; one to /other-protocol gets a 101 to "foo". Every request
 * head is recorded.
 */
public final class WebSocketBackend implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    final String name;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    final List<String> heads = new CopyOnWriteArrayList<>();
    /** Close codes received from clients. */
    final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
    final AtomicInteger openSockets = new AtomicInteger();
    /** Text messages received after the backend half-closed its side ("halfclose"). */
    final List<String> afterHalfClose = new CopyOnWriteArrayList<>();

    public WebSocketBackend(String name) throws IOException {
        this.name = name;
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        openSockets.incrementAndGet();
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            String head = RawHttp.readHead(in);
            heads.add(head);
            String lower = head.toLowerCase(Locale.ROOT);
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            if (path.startsWith("/status/") || !lower.contains("\r\nupgrade: websocket")) {
                int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8, 11)) : 200;
                byte[] body = head.getBytes(StandardCharsets.ISO_8859_1);
                out.write(("HTTP/1.1 " + status + " Test\r\nContent-Length: " + body.length
                        + (status == 426 ? "\r\nUpgrade: websocket\r\nConnection: Upgrade" : "")
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return;
            }
            if (path.startsWith("/other-protocol")) {
                out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: foo\r\nConnection: Upgrade\r\n\r\nfoo bytes"
                                  .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                in.read();
                return;
            }
            String key = field(head, "sec-websocket-key");
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
            String protocol = field(head, "sec-websocket-protocol");
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n"
                    + (protocol == null ? "" : "Sec-WebSocket-Protocol: " + protocol.split(",")[0].trim() + "\r\n")
                    + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            frames(new DataInputStream(in), out, s);
        } catch (Exception e) {
            // the peer or a test closed it
        } finally {
            open.remove(s);
            openSockets.decrementAndGet();
        }
    }

    private void frames(DataInputStream in, OutputStream out, Socket socket) throws IOException {
        boolean halfClosed = false;
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            int opcode = b0 & 0x0f;
            if (opcode == 0x8) {
                if (payload.length >= 2) {
                    closeCodes.add(((payload[0] & 0xff) << 8) | (payload[1] & 0xff));
                }
                send(out, 0x88, payload);
                return;
            }
            if (opcode == 0x9) {
                send(out, 0x8A, payload);
                continue;
            }
            String text = opcode == 0x1 && (b0 & 0x80) != 0 ? new String(payload, StandardCharsets.UTF_8) : "";
            if (text.startsWith("slow:")) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (halfClosed) {
                afterHalfClose.add(text);
                continue;
            }
            if (text.equals("halfclose")) {
                // echoes it, then ends its sending side only and keeps reading
                send(out, b0, payload);
                socket.shutdownOutput();
                halfClosed = true;
                continue;
            }
            if (text.startsWith("close:")) {
                int code = Integer.parseInt(text.substring(6));
                send(out, 0x88, new byte[] {(byte) (code >> 8), (byte) code});
                continue;
            }
            send(out, b0, payload);
        }
    }

    private static synchronized void send(OutputStream out, int b0, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
        frame.write(b0);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65536) {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    private static String field(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** Drops every connection at once, as a crashed backend would (a reset, no close frame). */
    void kill() throws IOException {
        server.close();
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
                s.close();
            } catch (IOException ignored) {
                // gone already
            }
        }
    }

    @Override
    public void close() throws IOException {
        kill();
    }
}
