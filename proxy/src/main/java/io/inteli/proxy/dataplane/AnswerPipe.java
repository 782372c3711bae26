package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.inteli.proxy.http.BulkInputStream;

/**
 * Carries an answer body from the JAX-RS container, which writes it on its own thread, to the client connection,
 * which reads it like a backend's body and frames it. Every written byte can be read at once (a stream's pieces
 * reach the client as they are written); at most {@link #CAPACITY} bytes wait, so a slow client slows the writer.
 * The writer ends the body ({@link #finish}) or fails it ({@link #fail}): a failed body, or one shorter than its
 * declared length, is a failed read, so the connection is cut rather than the answer looking complete. Once the
 * connection stops reading ({@link #abort}, the client gone), writes fail.
 */
final class AnswerPipe {
    private static final int CAPACITY = 64 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final byte[] ring = new byte[CAPACITY];
    /** The declared length, -1 when unknown. */
    private final long declared;
    private int start;
    private int size;
    private long written;
    private boolean finished;
    private IOException failure;
    private boolean aborted;

    AnswerPipe(long declared) {
        this.declared = declared;
    }

    final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            put(b, off, len);
        }
    };

    final InputStream input = new BulkInputStream() {
        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            return take(target, offset, length);
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return size;
            } finally {
                lock.unlock();
            }
        }
    };

    private void put(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            if (declared >= 0 && written + len > declared) {
                throw new IOException("answer body longer than its Content-Length " + declared);
            }
            while (len > 0) {
                while (size == CAPACITY && !aborted) {
                    changed.awaitUninterruptibly();
                }
                if (aborted || finished || failure != null) {
                    throw new IOException("the client connection no longer takes this answer");
                }
                int end = (start + size) % CAPACITY;
                int n = Math.min(len, Math.min(CAPACITY - size, CAPACITY - end));
                System.arraycopy(b, off, ring, end, n);
                size += n;
                written += n;
                off += n;
                len -= n;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private int take(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (size == 0 && !finished && failure == null && !aborted) {
                try {
                    changed.await();
                } catch (InterruptedException e) {
                    // the server stops this connection (as a socket read would, the wait ends at once)
                    aborted = true;
                    changed.signalAll();
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("connection stopped while the answer was awaited");
                }
            }
            if (size > 0) {
                int n = Math.min(length, Math.min(size, CAPACITY - start));
                System.arraycopy(ring, start, target, offset, n);
                start = (start + n) % CAPACITY;
                size -= n;
                changed.signalAll();
                return n;
            }
            if (failure != null) {
                throw failure;
            }
            if (aborted) {
                throw new IOException("answer abandoned");
            }
            return -1;
        } finally {
            lock.unlock();
        }
    }

    /** The writer is done: the reader sees the end after the last byte, or a failure when bytes are missing. */
    void finish() {
        lock.lock();
        try {
            if (declared >= 0 && written < declared && failure == null) {
                failure = new IOException("answer body ended after " + written + " of " + declared + " bytes");
            }
            finished = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The writer failed: the reader's next read fails, so the answer is cut, never completed. */
    void fail(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause instanceof IOException io ? io : new IOException("answer body failed", cause);
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The reader is done (answer written, or the client gone): the writer's further writes fail. */
    void abort() {
        lock.lock();
        try {
            aborted = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
