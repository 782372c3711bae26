package io.inteli.proxy.forwarding;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** What went wrong with a backend exchange, which decides between a retry, 502 and 504. */
enum Failure {
    /** Nothing reached the backend: may be retried elsewhere, counts towards ejection. */
    CONNECT,
    /** No answer within the read timeout: 504. */
    TIMEOUT,
    /** Anything else: 502. */
    OTHER;

    static Failure of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException) {
                return CONNECT;
            }
            if (t instanceof SocketTimeoutException) {
                String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("connect") ? CONNECT : TIMEOUT;
            }
        }
        return OTHER;
    }
}
