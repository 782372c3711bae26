package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.inteli.proxy.forwarding.ClientResponse;
import io.inteli.proxy.forwarding.BackendTunnel;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.HttpInput;
import io.inteli.proxy.lifecycle.OpenTunnels;

/**
 * A client connection after its backend answered 101 to a WebSocket handshake: the 101 goes to the client, then bytes
 * flow both ways unchanged, each piece written at once, until either side closes. The client's bytes are pumped on
 * the connection's own thread, the backend's on a virtual thread of their own. When one side ends (closed, reset, or
 * closed by {@link OpenTunnels}: idle, drained, shut down), both connections are closed; the exchange (and the
 * backend's in-flight slot) ends when both pumps have stopped. A client's half close passes on: the backend's
 * output is shut down and its bytes still reach the client until it closes; a backend's likewise.
 */
final class Tunnel {
    private static final int PIECE = 16 * 1024;

    private final ClientResponse answer;
    private final BackendTunnel backend;
    private final HttpInput fromClient;
    private final DataWriter toClient;
    private final HelidonSocket clientSocket;
    private volatile boolean over;
    /** Directions that ended cleanly (a half close passed on); at two, both connections close. */
    private final java.util.concurrent.atomic.AtomicInteger cleanEnds = new java.util.concurrent.atomic.AtomicInteger();

    private Tunnel(ClientResponse answer, HttpInput fromClient, DataWriter toClient, HelidonSocket clientSocket) {
        this.answer = answer;
        this.backend = answer.tunnel();
        this.fromClient = fromClient;
        this.toClient = toClient;
        this.clientSocket = clientSocket;
    }

    /** Sends the 101, pumps until either side closes, then ends the exchange; the client connection is closed. */
    static void run(ClientResponse answer, HttpInput fromClient, DataWriter toClient, HelidonSocket clientSocket,
                    OpenTunnels tunnels, String peer) {
        new Tunnel(answer, fromClient, toClient, clientSocket).run(tunnels, peer);
    }

    private void run(OpenTunnels tunnels, String peer) {
        long[] fromBackendBytes = new long[1];
        try (OpenTunnels.Handle handle = tunnels.open(backend.backend(), peer, this::closeBoth)) {
            try {
                toClient.writeNow(BufferData.create(head()));
            } catch (RuntimeException e) {
                closeBoth();
                return;
            }
            Thread backendPump = Thread.ofVirtual().name("inteli-tunnel-from-backend").start(() -> {
                fromBackendBytes[0] = pump(handle, true);
            });
            pump(handle, false);
            try {
                backendPump.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeBoth();
            }
        } finally {
            answer.ended(fromBackendBytes[0], true);
        }
    }

    /**
     * Copies one direction until it ends, then closes both sides so the other pump ends too (a client's clean end
     * only half-closes the backend connection).
     */
    private long pump(OpenTunnels.Handle handle, boolean fromBackend) {
        byte[] buffer = new byte[PIECE];
        long total = 0;
        InputStream in = backend.fromBackend();
        OutputStream out = backend.toBackend();
        boolean halfClosed = false;
        try {
            int n;
            while ((n = fromBackend ? in.read(buffer, 0, buffer.length) : fromClient.read(buffer, 0, buffer.length))
                    >= 0) {
                if (n == 0) {
                    continue;
                }
                if (fromBackend) {
                    // written before it returns: the buffer is free again for the next read
                    toClient.writeNow(BufferData.create(buffer, 0, n));
                } else {
                    out.write(buffer, 0, n);
                    out.flush();
                }
                total += n;
                handle.active();
            }
            if (!over) {
                // one side ended its output cleanly: the proxy passes the half close on, and the other direction
                // goes on until it ends too; then both connections close
                if (fromBackend) {
                    halfClosed = HalfClose.shutdownOutput(clientSocket);
                } else {
                    out.close();
                    halfClosed = true;
                }
                if (halfClosed && cleanEnds.incrementAndGet() == 2) {
                    halfClosed = false;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the other side, or the close of both, ends it; nothing to report beyond the close
        } finally {
            if (!halfClosed) {
                closeBoth();
            }
        }
        return total;
    }

    private byte[] head() {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 101 Switching Protocols\r\n");
        for (HeaderLine h : answer.headers()) {
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void closeBoth() {
        if (over) {
            return;
        }
        over = true;
        try {
            clientSocket.close();
        } catch (RuntimeException ignored) {
            // already closed
        }
        try {
            // closes the backend connection (the answer's source); the exchange ends once both pumps stopped
            backend.fromBackend().close();
        } catch (IOException | RuntimeException ignored) {
            // already closed
        }
    }
}
