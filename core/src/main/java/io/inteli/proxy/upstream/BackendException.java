package io.inteli.proxy.upstream;

import java.io.IOException;

/**
 * A backend exchange that failed, with what went wrong as a {@link Kind}: callers decide between a retry, 502 and
 * 504 from the kind, never from a message. The JDK's exception, when there was one, is the cause.
 */
public final class BackendException extends IOException {
    public enum Kind {
        /** Nothing listens at the backend's address (or it is unreachable): nothing was sent. */
        CONNECT_REFUSED,
        /** No TCP connection within the connect timeout: nothing was sent. */
        CONNECT_TIMEOUT,
        /** The name did not resolve or the TLS handshake failed: nothing was sent. */
        CONNECT_FAILED,
        /** The backend did not send the next bytes of its answer within the read timeout. */
        READ_TIMEOUT,
        /** The answer breaks HTTP/1.1 or cannot be delimited safely (its connection is closed). */
        INVALID_ANSWER,
        /** The connection broke (reset, closed early) while the request or the answer was on it. */
        CONNECTION_LOST;

        /** True when the request never reached the backend, so another backend may take it. */
        boolean beforeSending() {
            return this == CONNECT_REFUSED || this == CONNECT_TIMEOUT || this == CONNECT_FAILED;
        }
    }

    private final Kind kind;

    BackendException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    static BackendException invalid(String what) {
        return new BackendException(Kind.INVALID_ANSWER, "backend sent an invalid response: " + what, null);
    }

    public Kind kind() {
        return kind;
    }
}
