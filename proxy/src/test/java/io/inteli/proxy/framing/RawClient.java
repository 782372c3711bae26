package io.inteli.proxy.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** One client connection that writes raw bytes and reads answers framed as HTTP/1.1 says. */
final class RawClient implements AutoCloseable {
    /** One answer: its head (status line and fields, without the final CRLF CRLF) and body. */
    record Response(String head, byte[] body) {
        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        String statusLine() {
            return head.substring(0, head.indexOf("\r\n") < 0 ? head.length() : head.indexOf("\r\n"));
        }

        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RawClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** The next answer; null when the connection closed before one began. */
    Response read(boolean headRequest) throws IOException {
        String head = RecordingBackend.readHead(in);
        if (head == null) {
            return null;
        }
        Response r = new Response(head, new byte[0]);
        if (headRequest || r.status() == 204 || r.status() == 304 || r.status() < 200) {
            return r;
        }
        String length = r.header("Content-Length");
        if ("chunked".equalsIgnoreCase(r.header("Transfer-Encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String line = line();
                int size = Integer.parseInt(line.trim(), 16);
                if (size == 0) {
                    line();
                    return new Response(head, body.toByteArray());
                }
                body.write(in.readNBytes(size));
                line();
            }
        }
        if (length != null) {
            return new Response(head, in.readNBytes(Integer.parseInt(length)));
        }
        return new Response(head, in.readAllBytes());
    }

    Response read() throws IOException {
        return read(false);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closed the connection (end of stream or reset) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
