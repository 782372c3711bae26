package io.inteli.proxy.forwarding;

import java.io.InputStream;
import java.util.List;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.upstream.ExchangeAbort;

/** A client request as a front door received it, independent of the web framework. */
public interface ClientRequest {
    String method();

    /** The path exactly as sent, percent-encodings kept. */
    String rawPath();

    /** The query exactly as sent, without '?'; empty when there was none. */
    String rawQuery();

    List<HeaderLine> headers();

    InputStream body();

    String remoteAddress();

    /** "http" or "https": the scheme the client used to reach the proxy. */
    String scheme();

    int localPort();

    /**
     * True when the front door closes the connection after refusing a body as too large without needing the rest
     * of it read first; false (the default) makes the forwarder read and drop a bounded part, so that a client still
     * sending gets the 413 rather than a reset.
     */
    default boolean closesWithoutDrain() {
        return false;
    }

    /**
     * True when the front door can carry a WebSocket tunnel after a backend's 101 (an HTTP/1.1 client connection of
     * the native front door); false (the default) forwards an upgrade request as plain HTTP without its upgrade.
     */
    default boolean upgradable() {
        return false;
    }

    /**
     * Cuts the backend exchange when the front door sees the client go away while the backend is silent; null (the
     * default) when the front door does not watch for that.
     */
    default ExchangeAbort abort() {
        return null;
    }
}
