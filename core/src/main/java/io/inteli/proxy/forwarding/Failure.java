package io.inteli.proxy.forwarding;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import io.inteli.proxy.upstream.BackendException;
import io.inteli.proxy.upstream.ClientBodyException;

/**
 * What went wrong with a backend exchange, read from the failure's type and kind (never from its message), and the
 * one table of what the client gets for it when nothing has reached the client yet. Whether it is retried is the
 * forwarder's decision (nginx's {@code proxy_next_upstream error}): see {@link #retried}.
 */
enum Failure {
    /** Nothing reached the backend (refused, connect timeout, name, TLS handshake): counts towards ejection. */
    CONNECT(502, "Bad Gateway"),
    /** No answer within the read timeout. */
    TIMEOUT(504, "Gateway Timeout"),
    /** Reading the client's body failed (malformed, cut): the client's fault, not the backend's. */
    CLIENT(400, "Bad Request"),
    /** The client's body stopped arriving (client-body-timeout): the client's fault, not the backend's. */
    CLIENT_STALLED(408, "Request Timeout"),
    /**
     * The backend answered, but not in HTTP/1.1 that can be delimited safely (its connection is closed); not
     * retried (as nginx's default leaves out {@code invalid_header}).
     */
    INVALID(502, "Bad Gateway"),
    /** Anything else (a connection lost before or inside the answer). */
    OTHER(502, "Bad Gateway");

    private final int status;
    private final String reason;

    Failure(int status, String reason) {
        this.status = status;
        this.reason = reason;
    }

    /** The status a client gets for it. */
    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    /** The client's fault: not counted against the backend, and the client's connection is closed. */
    boolean clients() {
        return this == CLIENT || this == CLIENT_STALLED;
    }

    /**
     * Whether another backend may take the request: a connect failure when nothing of the body was read (or the
     * request is idempotent), and for an idempotent request also a connection lost before any answer (e.g. a pooled
     * connection the backend had closed).
     */
    boolean retried(boolean idempotent, boolean bodyTouched) {
        return this == CONNECT ? idempotent || !bodyTouched : this == OTHER && idempotent && !bodyTouched;
    }

    static Failure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ClientBodyException) {
                return t.getCause() instanceof InterruptedIOException ? CLIENT_STALLED : CLIENT;
            }
            if (t instanceof BackendException b) {
                return switch (b.kind()) {
                    case CONNECT_REFUSED, CONNECT_TIMEOUT, CONNECT_FAILED -> CONNECT;
                    case READ_TIMEOUT -> TIMEOUT;
                    case INVALID_ANSWER -> INVALID;
                    case CONNECTION_LOST -> OTHER;
                };
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return CONNECT;
            }
        }
        return OTHER;
    }
}
