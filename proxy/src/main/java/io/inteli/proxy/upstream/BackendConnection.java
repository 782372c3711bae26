package io.inteli.proxy.upstream;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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
 */
final class BackendConnection {
    static final int BUFFER = 16 * 1024;
    private static final int IDLE = 0;
    private static final int BUSY = 1;
    private static final int CLOSED = 2;

    private final Socket socket;
    private final Socket plain;
    private final HttpInput in;
    private final OutputStream out;
    private final AtomicInteger state = new AtomicInteger(BUSY);
    private volatile long idleSince;
    /** When the read in progress started (never 0 while reading); 0 when no read is waiting. */
    private volatile long readingSince;
    private volatile boolean timedOut;

    /**
     * @param socket the connection, TLS or plain
     * @param plain  the TCP socket under it, which the watchdog closes (closing a TLS socket would try to write)
     */
    BackendConnection(Socket socket, Socket plain) throws IOException {
        this.socket = socket;
        this.plain = plain;
        this.in = new HttpInput(new Watched(socket.getInputStream()), BUFFER);
        this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
    }

    HttpInput in() {
        return in;
    }

    OutputStream out() {
        return out;
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
        if (plain != socket) {
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
            readingSince = System.nanoTime() | 1;
            try {
                return in.read(target, offset, length);
            } catch (SocketException e) {
                if (timedOut) {
                    throw new SocketTimeoutException("Read timed out");
                }
                throw e;
            } finally {
                readingSince = 0;
            }
        }
    }
}
