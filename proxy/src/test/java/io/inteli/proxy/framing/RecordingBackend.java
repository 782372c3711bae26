package io.inteli.proxy.framing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.inteli.proxy.testsupport.LoopbackServer;

/**
 * A raw-TCP HTTP/1.1 backend that records every complete request it receives, byte for byte (head as sent, body
 * decoded from its framing), and answers each with "got N: METHOD TARGET" on a kept-alive connection. A request cut
 * short by the proxy is not recorded: only what a real backend would act on counts.
 */
final class RecordingBackend implements AutoCloseable {
    /** One request as the backend received it. */
    record Received(String requestLine, List<String> headerLines, byte[] body, String rawHead) {
        String body(java.nio.charset.Charset charset) {
            return new String(body, charset);
        }

        String header(String name) {
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private final LoopbackServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    RecordingBackend() throws IOException {
        server = new LoopbackServer(this::serve);
    }

    URI url() {
        return server.url();
    }

    List<Received> received() {
        return received;
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                String[] lines = head.split("\r\n");
                List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
                byte[] body = body(in, headers);
                if (body == null) {
                    return;
                }
                Received r = new Received(lines[0], headers, body, head);
                received.add(r);
                String method = lines[0].substring(0, lines[0].indexOf(' '));
                byte[] answer = ("got " + received.size() + ": " + lines[0]).getBytes(StandardCharsets.ISO_8859_1);
                String responseHead = "HTTP/1.1 200 OK\r\nContent-Length: " + answer.length + "\r\n\r\n";
                ByteArrayOutputStream whole = new ByteArrayOutputStream();
                whole.writeBytes(responseHead.getBytes(StandardCharsets.ISO_8859_1));
                if (!method.equals("HEAD")) {
                    whole.writeBytes(answer);
                }
                // one write: two small ones would wait on Nagle and the proxy's delayed ACK
                out.write(whole.toByteArray());
                out.flush();
            }
        } catch (IOException ignored) {
            // the proxy closed the connection
        }
    }

    /** The head without its final CRLF CRLF; null at the end of the stream. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while (state < 4) {
            b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        return text.substring(0, text.length() - 4);
    }

    /** The body as its framing delimits it; null when the stream ends first. */
    private static byte[] body(InputStream in, List<String> headers) throws IOException {
        String length = null;
        boolean chunked = false;
        for (String h : headers) {
            String lower = h.toLowerCase();
            if (lower.startsWith("content-length:")) {
                length = h.substring(15).trim();
            } else if (lower.startsWith("transfer-encoding:")) {
                chunked = lower.substring(18).trim().equals("chunked");
            }
        }
        if (chunked) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String line = line(in);
                if (line == null) {
                    return null;
                }
                int size = Integer.parseInt(line.split(";")[0].trim(), 16);
                if (size == 0) {
                    while (true) {
                        String trailer = line(in);
                        if (trailer == null) {
                            return null;
                        }
                        if (trailer.isEmpty()) {
                            return body.toByteArray();
                        }
                    }
                }
                byte[] chunk = in.readNBytes(size);
                if (chunk.length < size || line(in) == null) {
                    return null;
                }
                body.write(chunk);
            }
        }
        if (length == null) {
            return new byte[0];
        }
        int n = Integer.parseInt(length);
        byte[] body = in.readNBytes(n);
        return body.length < n ? null : body;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
