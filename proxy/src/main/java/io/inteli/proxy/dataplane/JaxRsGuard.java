package io.inteli.proxy.dataplane;

import java.util.ArrayList;
import java.util.List;

import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.inteli.proxy.forwarding.ClientLimits;
import io.inteli.proxy.forwarding.ProxySettings;
import io.inteli.proxy.http.HeadRefused;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.RequestFraming;
import io.inteli.proxy.http.RequestTarget;
import io.inteli.proxy.http.StatusLine;
import io.inteli.proxy.http.Tokens;

/**
 * The JAX-RS front door's check, run by Helidon's HTTP/1.1 connection on every request head of the data-plane
 * listener before routing (a receive listener, installed through {@link DataPlaneSelectorProvider}). Helidon 4.2.6
 * decides keep-alive from the request alone and reads the next request from whatever a refused request left on the
 * connection; the only reliable way to close is to refuse from here, where Helidon answers a
 * {@link RequestException} and leaves its connection loop. So the refusals happen here, by the native door's rules:
 * invalid method token, CONNECT and TRACE, a path climbing above the root, a header section over the limit,
 * ambiguous framing, a declared body over the limit. A client's {@code Connection: close} in any form, and every
 * chunked request (Helidon's decoder is lenient, so nothing after one is trusted), are marked
 * {@code Connection: close} on the request, the mark Helidon honours.
 */
final class JaxRsGuard implements Http1ConnectionListener {
    private final ProxySettings settings;
    private final ClientLimits limits;

    JaxRsGuard(ProxySettings settings, ClientLimits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        String method = prologue.method().text();
        if (!Tokens.isToken(method)) {
            throw refusal(400);
        }
        if (method.equals("CONNECT") || (method.equals("TRACE") && !limits.allowTrace())) {
            throw refusal(405);
        }
        String path = prologue.uriPath().rawPath();
        try {
            if (path.startsWith("/")) {
                RequestTarget.normalize(path);
            }
        } catch (HeadRefused e) {
            throw refusal(e.status());
        }
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        List<HeaderLine> lines = new ArrayList<>(headers.size());
        long size = 0;
        for (Header h : headers) {
            for (String value : h.allValues()) {
                lines.add(new HeaderLine(h.name(), value));
                size += h.name().length() + value.length() + 4;
            }
        }
        if (size > settings.maxHeaderSize()) {
            throw refusal(431);
        }
        RequestFraming framing;
        try {
            framing = RequestFraming.of(lines, 11);
        } catch (HeadRefused e) {
            throw refusal(e.status());
        }
        if (framing.length() > settings.maxBodySize().orElse(Long.MAX_VALUE)) {
            throw refusal(413);
        }
        if (!(headers instanceof WritableHeaders<?> writable)) {
            return;
        }
        boolean close = false;
        for (String option : Tokens.listed(lines, "connection")) {
            close |= option.equalsIgnoreCase("close");
        }
        if (framing.chunked()) {
            // Helidon reads only the exact lower-case value as chunked: any other spelling would leave the body to
            // be parsed as the next request
            writable.set(HeaderValues.TRANSFER_ENCODING_CHUNKED);
            close = true;
        }
        if (close) {
            // added, not set: the names the client's Connection lists must still be stripped
            writable.add(HeaderValues.CONNECTION_CLOSE);
        }
    }

    private static RequestException refusal(int status) {
        String reason = StatusLine.reason(status);
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .status(Status.create(status, reason))
                .message(reason)
                .safeMessage(true)
                .setKeepAlive(false)
                .header(status == 405 ? HeaderValues.create(HeaderNames.ALLOW, "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH")
                        : HeaderValues.CONNECTION_CLOSE)
                .build();
    }
}
