package io.inteli.proxy.http;

import java.io.IOException;

/**
 * A body whose framing breaks RFC 9112 (a bad chunk-size line, a chunk not followed by CRLF, an over-long line, too
 * many trailer fields): the message cannot be delimited, so the connection it came on must not carry another. On a
 * client's request body it is the client's fault (400); on a backend's answer, the backend's (502).
 */
public final class MalformedBodyException extends IOException {
    public MalformedBodyException(String message) {
        super(message, null);
    }
}
