package io.inteli.proxy.forwarding;

import java.io.IOException;

/**
 * A front door's request body could not be read to its end through the client's fault: malformed chunks (400), a
 * body that stayed silent past {@code inteli.proxy.client-body-timeout} (408), or a client gone. The forwarder then
 * answers with this status instead of blaming the backend, and the connection is closed.
 */
public final class ClientBodyFailure extends IOException {
    private final int status;

    public ClientBodyFailure(int status, Throwable cause) {
        super("client request body failed", cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
