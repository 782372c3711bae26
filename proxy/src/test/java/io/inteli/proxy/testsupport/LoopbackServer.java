package io.inteli.proxy.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The listening half of a raw-TCP test backend: 127.0.0.1, a free port, each accepted connection served on its own
 * virtual thread. Closing it closes the listener and every connection still open, so a test's backend never
 * outlives the test.
 */
public final class LoopbackServer implements AutoCloseable {
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Consumer<Socket> serve;

    /** {@code serve} owns the connection: it returns when done with it, closed or not. */
    public LoopbackServer(Consumer<Socket> serve) throws IOException {
        this(50, serve);
    }

    public LoopbackServer(int backlog, Consumer<Socket> serve) throws IOException {
        this.server = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        this.serve = serve;
        Thread.ofVirtual().start(this::accept);
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            open.add(s);
            Thread.ofVirtual().start(() -> {
                try {
                    serve.accept(s);
                } finally {
                    open.remove(s);
                }
            });
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
