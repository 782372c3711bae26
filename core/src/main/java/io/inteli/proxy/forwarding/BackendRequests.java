package io.inteli.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.upstream.ExchangeAbort;
import io.inteli.proxy.upstream.UpstreamClient;
import io.inteli.proxy.upstream.BackendResponse;

/**
 * Sends backend requests (a client's request on its way to one backend): the backend's base path prefixed to the
 * client's raw path and query.
 */
final class BackendRequests implements AutoCloseable {
    /** The largest response header section a backend may send; a larger one is a 502. */
    static final int MAX_RESPONSE_HEADER_SIZE = 64 * 1024;

    private final UpstreamClient client;

    BackendRequests(ProxySettings settings) {
        this.client = new UpstreamClient(settings.connectTimeout(), settings.readTimeout(),
                                         MAX_RESPONSE_HEADER_SIZE);
    }

    /**
     * @param headers       Content-Length and Transfer-Encoding among them are dropped: the upstream client frames
     *                      the body itself
     * @param body          null when the request has none
     * @param contentLength -1 for a body of unknown length (sent chunked)
     */
    BackendResponse send(Backend backend, String method, String rawPath, String rawQuery, List<HeaderLine> headers,
                          InputStream body, long contentLength) throws IOException {
        return send(backend, method, rawPath, rawQuery, headers, body, contentLength, false, null);
    }

    /**
     * @param upgrade the client asked for a protocol upgrade: a 101 is then an answer (a tunnel, see
     *                {@link BackendResponse#upgraded()}), otherwise a 502
     * @param abort   cuts the exchange from another thread (its client went away); null for none
     */
    BackendResponse send(Backend backend, String method, String rawPath, String rawQuery, List<HeaderLine> headers,
                          InputStream body, long contentLength, boolean upgrade, ExchangeAbort abort)
            throws IOException {
        return client.exchange(backend.url(), method, target(backend.url(), rawPath, rawQuery), headers, body,
                               contentLength, upgrade, abort);
    }

    static String target(URI base, String rawPath, String rawQuery) {
        String basePath = base.getRawPath() == null ? "" : stripTrailingSlash(base.getRawPath());
        return basePath + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
    }

    static String authority(Backend backend) {
        return backend.url().getRawAuthority();
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public void close() {
        client.close();
    }
}
