package io.inteli.proxy.http;

import java.io.IOException;

/**
 * A request the proxy refuses before forwarding anything: the status to answer and a short text of our own (never an
 * exception's message from elsewhere). The connection is closed after the answer.
 */
public final class HeadRefused extends IOException {
    private final int status;

    public HeadRefused(int status, String text) {
        // no stack trace: refusals are ordinary traffic, and their text goes to the client
        super(text, null);
        this.status = status;
    }

    public int status() {
        return status;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
