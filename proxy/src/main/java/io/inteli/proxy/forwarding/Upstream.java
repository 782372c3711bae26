package io.inteli.proxy.forwarding;

import java.net.URI;
import java.util.List;

import io.helidon.common.uri.UriInfo;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.encoding.ContentEncodingContext;
import io.helidon.webclient.api.ClientUri;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.inteli.proxy.registry.Backend;

/**
 * The HTTP/1.1 client towards the backends: pooled keep-alive connections, no redirects, no content coding
 * (bodies pass through as they are), no added headers.
 */
final class Upstream {
    /** Idle keep-alive connections kept per backend; above the benchmark's 256 client connections. */
    static final int POOL_SIZE = 512;

    private final Http1Client client;
    private final ProxySettings settings;

    Upstream(ProxySettings settings) {
        this.settings = settings;
        this.client = Http1Client.builder()
                .connectTimeout(settings.connectTimeout())
                .readTimeout(settings.readTimeout())
                .followRedirects(false)
                .keepAlive(true)
                .sendExpectContinue(false)
                .connectionCacheSize(POOL_SIZE)
                // small requests must not wait for the backend's delayed ACK (Nagle)
                .socketOptions(o -> o.tcpNoDelay(true))
                .shareConnectionCache(false)
                .servicesDiscoverServices(false)
                .contentEncoding(ContentEncodingContext.builder().contentEncodingsDiscoverServices(false).build())
                .protocolConfig(p -> p.validateRequestHeaders(false).validateResponseHeaders(false)
                        .maxHeaderSize(64 * 1024))
                .build();
    }

    /** The request for this backend, with the client's raw path and query appended to its base path. */
    Http1ClientRequest request(Backend backend, String method, String rawPath, String rawQuery,
                               List<HeaderLine> headers) {
        URI base = backend.url();
        String basePath = base.getRawPath() == null ? "" : stripTrailingSlash(base.getRawPath());
        String target = basePath + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery);
        ClientUri uri = ClientUri.create(UriInfo.builder()
                                                 .scheme(base.getScheme())
                                                 .host(base.getHost())
                                                 .port(base.getPort() >= 0 ? base.getPort()
                                                               : "https".equals(base.getScheme()) ? 443 : 80)
                                                 .path(new RawTarget(target))
                                                 .build())
                .skipUriEncoding(true);
        Http1ClientRequest request = client.method(Method.create(method))
                .uri(uri)
                .skipUriEncoding(true);
        request.headers(h -> {
            for (HeaderLine line : headers) {
                h.add(HeaderValues.create(HeaderNames.create(line.name()), line.value()));
            }
        });
        return request;
    }

    static String authority(Backend backend) {
        return backend.url().getRawAuthority();
    }

    private static String stripTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static void closeQuietly(HttpClientResponse response) {
        try {
            response.close();
        } catch (RuntimeException ignored) {
            // the client drops a broken connection from its pool by itself
        }
    }
}
