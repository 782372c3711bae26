package io.inteli.proxy.upstream;

import java.io.IOException;

/**
 * Reading the client's request body failed while it was being sent to a backend: a malformed chunk
 * ({@link io.inteli.proxy.http.MalformedBodyException} as the cause), a body that ended early, a client that went
 * away or stopped sending. The client's fault, not the backend's: it is not counted against the backend, and the
 * backend connection, left in the middle of a request, is closed.
 */
public final class ClientBodyException extends IOException {
    ClientBodyException(String message, Throwable cause) {
        super(message, cause);
    }
}
