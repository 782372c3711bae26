package io.inteli.proxy.forwarding;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;

import io.inteli.proxy.upstream.BackendException;
import io.inteli.proxy.upstream.ClientBodyException;

/**
 * What went wrong with a backend exchange, which decides between a retry, 502 and 504, read from the failure's type
 * and kind (never from its message).
 */
enum Failure {
    /** Nothing reached the backend: may be retried elsewhere, counts towards ejection. */
    CONNECT,
    /** No answer within the read timeout: 504. */
    TIMEOUT,
    /** Reading the client's body failed (malformed, cut, too slow): the client's fault, not the backend's. */
    CLIENT,
    /**
     * The backend answered, but not in HTTP/1.1 that can be delimited safely (its connection is closed): 502, not
     * retried (as nginx's default leaves out {@code invalid_header}).
     */
    INVALID,
    /** Anything else (a connection lost before or inside the answer): 502. */
    OTHER;

    static Failure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ClientBodyException) {
                return CLIENT;
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
