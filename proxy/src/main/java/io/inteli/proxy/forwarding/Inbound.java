package io.inteli.proxy.forwarding;

import java.io.InputStream;
import java.util.List;

import io.inteli.proxy.http.HeaderLine;

/** A client request as a front door received it, independent of the web framework. */
public interface Inbound {
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
}
