package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.socket.HelidonSocket;

/**
 * The client's bytes as a stream: first those Helidon read while choosing the connection's protocol, then straight
 * from the socket. Each read that brings bytes marks the connection active (the idle timeouts count from there).
 */
final class ClientInput extends InputStream {
    private final DataReader reader;
    private final HelidonSocket socket;
    private final ClientConnection connection;
    private byte[] pending;
    private int pendingAt;
    /** A read of the socket a {@link DepartureWatch} started: it comes before any other. */
    private CompletableFuture<byte[]> early;
    private long received;

    ClientInput(DataReader reader, HelidonSocket socket, ClientConnection connection) {
        this.reader = reader;
        this.socket = socket;
        this.connection = connection;
    }

    /** The next read of the socket is the one {@code read} stands for. */
    void handOver(CompletableFuture<byte[]> read) {
        early = read;
    }

    /** Takes back a read handed over and not used yet; null when there is none. */
    CompletableFuture<byte[]> takeEarly() {
        CompletableFuture<byte[]> read = early;
        early = null;
        return read;
    }

    /** Bytes received so far. */
    long received() {
        return received;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n;
        if (pending != null) {
            n = Math.min(length, pending.length - pendingAt);
            System.arraycopy(pending, pendingAt, target, offset, n);
            pendingAt += n;
            if (pendingAt == pending.length) {
                pending = null;
            }
        } else if (reader.available() > 0) {
            n = Math.min(length, reader.available());
            reader.readBuffer(n).read(target, offset, n);
        } else {
            byte[] got;
            try {
                got = early == null ? socket.get() : early();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw new IOException("client connection failed", e);
            }
            if (got == null) {
                return -1;
            }
            n = Math.min(length, got.length);
            System.arraycopy(got, 0, target, offset, n);
            if (n < got.length) {
                pending = got;
                pendingAt = n;
            }
        }
        received += n;
        connection.active();
        return n;
    }

    private byte[] early() throws IOException {
        CompletableFuture<byte[]> read = early;
        early = null;
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("client connection failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the client");
        }
    }
}
