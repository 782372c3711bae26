package io.inteli.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.inteli.proxy.http.ChunkedInputStream;
import io.inteli.proxy.http.FixedLengthInputStream;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.HttpInput;

/**
 * A raw HTTP/1.1 client on its own TCP connection: sends exact bytes, reads one answer by its framing, and can say
 * whether anything more arrives after it (an answer to no request).
 */
final class ProxyClient implements AutoCloseable {
    record Received(int status, List<HeaderLine> headers, String body) {
        List<String> all(String name) {
            return headers.stream().filter(h -> h.is(name)).map(HeaderLine::value).toList();
        }
    }

    private final Socket socket;
    private final HttpInput in;

    ProxyClient(int port) throws IOException {
        this(port, 10_000);
    }

    ProxyClient(int port, int timeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        in = new HttpInput(socket.getInputStream(), 8192);
    }

    void send(String bytes) throws IOException {
        socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    Received exchange(String method, String path) throws IOException {
        send(method + " " + path + " HTTP/1.1\r\nHost: proxy.test\r\n\r\n");
        return read(method);
    }

    /** One answer, delimited as RFC 9112 6.3 says for a request of {@code method}. */
    Received read(String method) throws IOException {
        String statusLine = in.readLine(8192);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        List<HeaderLine> headers = new ArrayList<>();
        for (String line = in.readLine(8192); !line.isEmpty(); line = in.readLine(8192)) {
            int colon = line.indexOf(':');
            headers.add(new HeaderLine(line.substring(0, colon), line.substring(colon + 1).trim()));
        }
        Received head = new Received(status, headers, "");
        InputStream body;
        if (method.equals("HEAD") || status == 204 || status == 304 || status < 200) {
            return head;
        } else if (head.all("transfer-encoding").contains("chunked")) {
            body = new ChunkedInputStream(in);
        } else if (!head.all("content-length").isEmpty()) {
            body = new FixedLengthInputStream(in, Long.parseLong(head.all("content-length").get(0)));
        } else {
            body = new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return in.read(b, off, len);
                }
            };
        }
        return new Received(status, headers, new String(body.readAllBytes(), StandardCharsets.ISO_8859_1));
    }

    /** Bytes that arrive within {@code millis} after the last answer: none is the only right number. */
    int bytesArrivingWithin(int millis) throws IOException {
        if (in.buffered() > 0) {
            return in.buffered();
        }
        socket.setSoTimeout(millis);
        try {
            int n = in.read(new byte[1024], 0, 1024);
            return Math.max(0, n);
        } catch (SocketTimeoutException e) {
            return 0;
        } catch (IOException e) {
            // reset: nothing arrived
            return 0;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
