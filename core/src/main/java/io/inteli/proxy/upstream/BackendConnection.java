package io.inteli.proxy.upstream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;

import io.inteli.proxy.http.BulkInputStream;
import io.inteli.proxy.http.HttpInput;

/**
 * One keep-alive connection to a backend. Its state decides who may use it: one exchange, or the idle sweeper.
 *
 * <p>The read timeout is not a socket timeout: on a virtual thread every read that waits under {@code SO_TIMEOUT}
 * is a timed park, which wakes the JDK's delay-scheduler thread once per request (measured: about one extra
 * context switch per proxied request). Instead each read records when it started, and {@link ReadWatchdog} closes
 * the socket of a read that has waited too long; the read then fails as a {@link SocketTimeoutException}.
 *
 * <p>The TCP connection is a {@link SocketChannel} (used through its blocking socket streams) for one reason: before
 * a pooled connection carries another request, {@link #quiet()} looks at it without blocking, which a plain
 * {@link Socket} cannot do.
 */
final class BackendConnection {
    static final int BUFFER = 16 * 1024;
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;

    private final Socket socket;
    private final SocketChannel plain;
    private final InputStream socketIn;
    private final HttpInput in;
    private final OutputStream out;
    private final AtomicInteger state = new AtomicInteger(BUSY);
    private volatile long idleSince;
    /** When the read in progress started (never 0 while reading); 0 when no read is waiting. */
    private volatile long readingSince;
    private volatile boolean timedOut;
    /** Reads are not timed: the connection is a tunnel after an upgrade, silent as long as its peers are. */
    private volatile boolean untimed;
    /** Where {@link #quiet()} reads the byte it hopes not to find. */
    private final ByteBuffer probe = ByteBuffer.allocateDirect(1);

    /**
     * @param socket the connection, TLS or plain ({@code plain.socket()})
     * @param plain  the TCP connection under it, which the watchdog closes (closing a TLS socket would try to write)
     */
    BackendConnection(Socket socket, SocketChannel plain) throws IOException {
        this.socket = socket;
        this.plain = plain;
        this.socketIn = socket.getInputStream();
        this.in = new HttpInput(new Watched(socketIn), BUFFER);
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
    }

    /**
     * True when nothing has arrived since the last answer ended and the backend has not closed: the only state in
     * which the connection may carry another request. Bytes found here are unsolicited (a backend that sent more
     * than its answer, a late second response): they would be read as the answer to the next client's request.
     * Costs one non-blocking read (a system call that finds nothing) and no wait.
     */
    boolean quiet() {
        if (in.buffered() > 0) {
            return false;
        }
        try {
            if (socket != plain.socket() && socketIn.available() > 0) {
                // decrypted bytes the TLS layer holds
                return false;
            }
            plain.configureBlocking(false);
            try {
                probe.clear();
                // 0: nothing there; -1: the backend closed; 1: a byte nobody asked for
                return plain.read(probe) == 0;
            } finally {
                plain.configureBlocking(true);
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** From now on reads wait as long as the peer is silent: the connection carries an upgraded protocol. */
    void untimed() {
        untimed = true;
    }

    HttpInput in() {
        return in;
    }

    OutputStream out() {
        return out;
    }

    /**
     * The stream to the backend of a tunnel: closing it half-closes the connection (the backend reads the end of
     * its input, its own bytes still come back), as a client's half close passes through.
     */
    OutputStream tunnelOut() {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
                try {
                    socket.shutdownOutput();
                } catch (IOException | UnsupportedOperationException e) {
                    BackendConnection.this.close();
                }
            }
        };
    }

    /** Marks it idle, as it goes back to the pool. */
    void idle(long nanoTime) {
        idleSince = nanoTime;
        state.set(IDLE);
    }

    /** Takes it out of the pool for an exchange; false if the sweeper closed it first. */
    boolean claim() {
        return state.compareAndSet(IDLE, BUSY);
    }

    /** Closes it if it has been idle since before {@code deadline}; false if it is in use or younger. */
    boolean closeIfIdleSince(long deadline) {
        if (idleSince - deadline < 0 && state.compareAndSet(IDLE, CLOSED)) {
            closeSocket();
            return true;
        }
        return false;
    }

    boolean idleSince(long deadline) {
        return idleSince - deadline < 0;
    }

    /** Fails the read in progress if it started before {@code deadline}. */
    boolean timeOutReadStartedBefore(long deadline) {
        long since = readingSince;
        if (since != 0 && since - deadline < 0) {
            timedOut = true;
            close();
            return true;
        }
        return false;
    }

    void close() {
        state.set(CLOSED);
        closeSocket();
    }

    boolean closed() {
        return state.get() == CLOSED;
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already broken: nothing left to release
        }
        if (plain.socket() != socket) {
            try {
                plain.close();
            } catch (IOException ignored) {
                // as above
            }
        }
    }

    /** The socket's input, with each read's start visible to the watchdog. */
    private final class Watched extends BulkInputStream {
        private final InputStream in;

        Watched(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (!untimed) {
                readingSince = System.nanoTime() | 1;
            }
            try {
                return in.read(target, offset, length);
            } catch (IOException e) {
                if (timedOut) {
                    throw new SocketTimeoutException("Read timed out");
                }
                throw e;
            } finally {
                readingSince = 0;
            }
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }
}
