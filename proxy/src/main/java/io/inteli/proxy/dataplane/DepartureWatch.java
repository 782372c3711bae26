package io.inteli.proxy.dataplane;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import io.helidon.common.socket.HelidonSocket;
import io.inteli.proxy.upstream.ExchangeAbort;

/**
 * Sees a client go away while its exchange waits on the backend (for the answer's head, or between the bytes of its
 * body): a silent backend (long poll, an SSE stream between events) would otherwise keep the exchange, its backend
 * connection and in-flight slot until its next bytes, and a drain or a shutdown would wait for it.
 *
 * <p>While the connection's thread is busy with the backend nobody reads the client. Once an exchange has waited
 * {@link #WATCH_AFTER_NANOS} (the shared timer of {@link ClientConnections} looks), a virtual thread issues the
 * connection's next read of the client. End of stream or a reset means the client left: the exchange is cut
 * ({@link ExchangeAbort} closes its backend connection, which ends the read the connection's thread waits in). Bytes
 * (a pipelined next request) mean it did not: they are kept, and the read is handed to the connection's input when
 * the exchange ends, so its next read returns them first; nothing is lost or read twice. Fast exchanges never start
 * a thread: the cost on them is two volatile writes and one atomic swap.
 *
 * <p>Who reads the client is decided by one atomic state: the connection's thread {@link #open opens} the watch only
 * when it will not read the client until it {@link #end ends} it (no request body, or the body read to its end);
 * the watcher may read only after it moved the state from WATCHABLE to its read. The read is handed over through its
 * future, which orders the watcher's read before the connection thread's use of the bytes.
 */
final class DepartureWatch {
    /** How long an exchange waits on the backend before its client is watched. */
    static final long WATCH_AFTER_NANOS = 100_000_000L;
    private static final Object WATCHABLE = new Object();

    private final HelidonSocket socket;
    /** Null (the connection's thread owns the input), WATCHABLE, the watcher's read, or a {@link Departed}. */
    private final AtomicReference<Object> state = new AtomicReference<>();
    private volatile long since;
    private volatile ExchangeAbort abort;
    private volatile boolean departed;

    DepartureWatch(HelidonSocket socket) {
        this.socket = socket;
    }

    /**
     * The connection's thread does not read the client until {@link #end}: the exchange waits on the backend. A read
     * a watcher started during an earlier exchange and nobody has taken yet (the request now served was already
     * buffered: pipelined) goes on watching this one: a second read must never run beside it.
     */
    void open(ExchangeAbort exchange, ClientInput input) {
        abort = exchange;
        CompletableFuture<byte[]> read = input.takeEarly();
        if (read == null) {
            since = System.nanoTime();
            state.set(WATCHABLE);
            return;
        }
        state.set(read);
        // it may have ended before it was this exchange's
        settle(read);
    }

    /**
     * The connection's thread takes the client's input back; a read the watcher started goes to {@code input} and
     * its bytes (or its end, or its failure) come before anything else read from the socket.
     */
    void end(ClientInput input) {
        Object was = state.getAndSet(null);
        if (was instanceof Departed d) {
            input.handOver(d.read);
        } else if (was instanceof CompletableFuture<?> read) {
            @SuppressWarnings("unchecked")
            CompletableFuture<byte[]> bytes = (CompletableFuture<byte[]>) read;
            input.handOver(bytes);
        }
    }

    /** True once the client was seen leaving while its exchange waited: the exchange was cut. */
    boolean departed() {
        return departed;
    }

    /** From the shared timer: starts watching when the exchange has waited long enough. */
    void check(long now) {
        if (state.get() != WATCHABLE || now - since < WATCH_AFTER_NANOS) {
            return;
        }
        CompletableFuture<byte[]> read = new CompletableFuture<>();
        if (state.compareAndSet(WATCHABLE, read)) {
            Thread.ofVirtual().name("inteli-client-watch").start(() -> watch(read));
        }
    }

    private void watch(CompletableFuture<byte[]> read) {
        byte[] got;
        try {
            got = socket.get();
        } catch (RuntimeException | Error e) {
            read.completeExceptionally(e);
            settle(read);
            return;
        }
        read.complete(got);
        settle(read);
    }

    /**
     * End of stream (the client closed, or half-closed after its request: nginx takes both as leaving) or a failure
     * cut the exchange; bytes do not.
     */
    private void settle(CompletableFuture<byte[]> read) {
        if (read.isDone() && (read.isCompletedExceptionally() || read.getNow(null) == null)) {
            left(read);
        }
    }

    private void left(CompletableFuture<byte[]> read) {
        // only while this read is the watch's: after end() the connection's thread owns what the read brought
        if (state.compareAndSet(read, new Departed(read))) {
            departed = true;
            ExchangeAbort exchange = abort;
            if (exchange != null) {
                exchange.abort();
            }
        }
    }

    private record Departed(CompletableFuture<byte[]> read) {
    }
}
