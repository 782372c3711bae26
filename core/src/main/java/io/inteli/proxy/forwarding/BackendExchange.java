package io.inteli.proxy.forwarding;

import java.util.concurrent.atomic.AtomicBoolean;

import io.inteli.proxy.registry.Backend;

/**
 * One exchange with one backend, as far as the backend's in-flight slot and figures go: the slot is taken when the
 * exchange is made and given back exactly once. The forwarder holds it in one {@code try}/{@code finally}: either an
 * answer that streams from the backend takes the exchange over ({@link #completion()}, which gives the slot back
 * when the answer ends: body sent, cut, or tunnel closed) or the {@code finally} gives it back ({@link #end()})
 * when the attempt failed, is retried elsewhere, or ended with an answer of the proxy's own.
 */
final class BackendExchange {
    private final Backend backend;
    private final ClientRequest in;
    private final long start;
    private final ProxyMetrics metrics;
    private final AccessLog accessLog;
    private final AtomicBoolean released = new AtomicBoolean();
    private boolean handedOver;

    /** Takes the backend's in-flight slot. */
    BackendExchange(Backend backend, ClientRequest in, long start, ProxyMetrics metrics, AccessLog accessLog) {
        this.backend = backend;
        this.in = in;
        this.start = start;
        this.metrics = metrics;
        this.accessLog = accessLog;
        backend.load().acquire();
    }

    Backend backend() {
        return backend;
    }

    /** Gives the slot back unless an answer took the exchange over; for the forwarder's {@code finally}. */
    void end() {
        if (!handedOver) {
            release();
        }
    }

    /**
     * The end of an answer that streams from the backend: gives the slot back and records the figures (a 5xx or an
     * answer cut short counts as the backend's error). The answer now holds the exchange.
     */
    ClientResponse.Completion completion() {
        handedOver = true;
        return (sentStatus, bytes, complete) -> {
            release();
            long nanos = System.nanoTime() - start;
            backend.load().stats().record(sentStatus >= 500 || !complete, nanos);
            metrics.finished(backend.id(), sentStatus, nanos);
            accessLog.log(in, sentStatus, bytes, backend.id(), nanos);
        };
    }

    /**
     * The end of a WebSocket tunnel: the slot was held while it was open (drains and least-requests see it). Latency
     * figures take the handshake's time, not the tunnel's life (minutes would swamp the backend's p99); the access
     * log line, written when the tunnel closes, gives its whole duration.
     */
    ClientResponse.Completion tunnelCompletion() {
        handedOver = true;
        long handshake = System.nanoTime() - start;
        return (sentStatus, bytes, complete) -> {
            release();
            backend.load().stats().record(false, handshake);
            metrics.finished(backend.id(), sentStatus, handshake);
            accessLog.log(in, sentStatus, bytes, backend.id(), System.nanoTime() - start);
        };
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            backend.load().release();
        }
    }
}
