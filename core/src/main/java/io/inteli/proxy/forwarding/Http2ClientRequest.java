package io.inteli.proxy.forwarding;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.upstream.ExchangeAbort;

/**
 * An HTTP/2 client request as the HTTP/1.1 forwarding core expects it. HTTP/2 carries the authority as the
 * {@code :authority} pseudo-header, which Helidon keeps out of the header list: it becomes {@code Host} (then the
 * preserve-host rule applies as for HTTP/1.1). A body without {@code content-length} is framed by DATA frames
 * alone: it goes to the backend chunked, which the core does for {@code Transfer-Encoding: chunked}. Whether there
 * is such a body at all (END_STREAM on the HEADERS frame) Helidon does not say, so the first byte is read ahead:
 * end of stream at once means no body.
 */
public final class Http2ClientRequest implements ClientRequest {
    private final ClientRequest request;
    private final String authority;
    private final ExchangeAbort abort;
    private List<HeaderLine> headers;
    private InputStream body;

    /** @param authority the {@code :authority} pseudo-header; null or empty when the client sent none */
    public Http2ClientRequest(ClientRequest request, String authority) {
        this(request, authority, null);
    }

    /**
     * @param abort cut when the client resets the stream or closes the connection (on Helidon,
     *              {@code http2.Http2Departures})
     */
    public Http2ClientRequest(ClientRequest request, String authority, ExchangeAbort abort) {
        this.request = request;
        this.authority = authority;
        this.abort = abort;
    }

    @Override
    public ExchangeAbort abort() {
        return abort;
    }

    @Override
    public List<HeaderLine> headers() {
        if (headers != null) {
            return headers;
        }
        List<HeaderLine> received = request.headers();
        List<HeaderLine> out = new ArrayList<>(received.size() + 2);
        boolean host = false;
        boolean length = false;
        for (HeaderLine h : received) {
            host |= h.is("host");
            length |= h.is("content-length");
            // RFC 9113 8.2.2: no Transfer-Encoding in HTTP/2 (Helidon lets it through): framing is the proxy's
            if (!h.is("transfer-encoding")) {
                out.add(h);
            }
        }
        if (!host && authority != null && !authority.isEmpty()) {
            out.addFirst(new HeaderLine("Host", authority));
        }
        if (!length && hasBody()) {
            out.add(new HeaderLine("Transfer-Encoding", "chunked"));
        }
        headers = out;
        return out;
    }

    private boolean hasBody() {
        InputStream raw = request.body();
        int first;
        try {
            first = raw.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (first < 0) {
            body = InputStream.nullInputStream();
            return false;
        }
        body = new SequenceInputStream(new ByteArrayInputStream(new byte[] {(byte) first}), raw);
        return true;
    }

    @Override
    public InputStream body() {
        return body != null ? body : request.body();
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String rawPath() {
        return request.rawPath();
    }

    @Override
    public String rawQuery() {
        return request.rawQuery();
    }

    @Override
    public String remoteAddress() {
        return request.remoteAddress();
    }

    @Override
    public String scheme() {
        return request.scheme();
    }

    @Override
    public int localPort() {
        return request.localPort();
    }
}
