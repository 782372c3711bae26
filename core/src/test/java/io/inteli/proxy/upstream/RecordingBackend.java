package io.inteli.proxy.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A backend on 127.0.0.1, port 0, for one connection, that records every byte as it arrives (to see when a
 * request's head and body reach it) and answers "HTTP/1.1 200 OK" with an empty body once the bytes received end
 * with {@code end}.
 */
public final class RecordingBackend implements AutoCloseable {
    private final ServerSocket server;
    private final StringBuffer received = new StringBuffer();
    private final String end;

    public RecordingBackend(String end) throws IOException {
        this.end = end;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** What has arrived so far. */
    public String received() {
        return received.toString();
    }

    private void serve() {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                received.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                if (received.toString().endsWith(end)) {
                    socket.getOutputStream().write(
                            "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            // closed by the test
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
