package io.inteli.proxy.http;

import java.util.List;

/**
 * Where a request's body ends, decided once from its header fields by RFC 9112 section 6, refusing every case in
 * which two parsers could disagree (request smuggling): Content-Length with Transfer-Encoding, differing lengths, and
 * any transfer coding but a single {@code chunked} (compared without case). An unknown coding is 501, every other
 * refusal 400; the connection is closed after either.
 *
 * @param length the declared Content-Length; -1 when chunked or without a body
 */
public record RequestFraming(boolean chunked, long length) {
    static final RequestFraming NONE = new RequestFraming(false, -1);
    static final RequestFraming CHUNKED = new RequestFraming(true, -1);

    /** A body follows the header section. */
    public boolean hasBody() {
        return chunked || length > 0;
    }

    /**
     * RFC 9112 6.3: a body whose final coding is not chunked cannot be framed (400); a list that ends in chunked
     * holds another coding, which the proxy does not implement (501), as does a single unknown coding.
     */
    private static HeadRefused unsupported(String value) {
        String[] codings = value.split(",", -1);
        for (String coding : codings) {
            if (!Tokens.isToken(coding.trim())) {
                return new HeadRefused(400, "Bad Request");
            }
        }
        boolean chunkedLast = codings[codings.length - 1].trim().equalsIgnoreCase("chunked");
        return codings.length > 1 && !chunkedLast ? new HeadRefused(400, "Bad Request")
                : new HeadRefused(501, "Not Implemented");
    }

    /** @param version 10 or 11, as {@link RequestHead#version()} */
    public static RequestFraming of(List<HeaderLine> headers, int version) throws HeadRefused {
        HeaderLine transferEncoding = null;
        boolean hasLength = false;
        for (int i = 0; i < headers.size(); i++) {
            HeaderLine h = headers.get(i);
            String name = h.name();
            // most names are neither: a length test first
            if (name.length() == 17 && h.is("transfer-encoding")) {
                if (transferEncoding != null) {
                    // two codings, or chunked twice: neither is a single final chunked
                    throw new HeadRefused(400, "Bad Request");
                }
                transferEncoding = h;
            } else if (name.length() == 14 && h.is("content-length")) {
                hasLength = true;
            }
        }
        if (transferEncoding != null) {
            if (hasLength || version < 11) {
                // RFC 9112 6.1: both, or a transfer coding from an HTTP/1.0 client, is faulty framing
                throw new HeadRefused(400, "Bad Request");
            }
            String coding = transferEncoding.value();
            if (coding.equalsIgnoreCase("chunked")) {
                return CHUNKED;
            }
            throw unsupported(coding);
        }
        if (!hasLength) {
            return NONE;
        }
        try {
            return new RequestFraming(false, ContentLength.of(headers).orElseThrow());
        } catch (ContentLength.Invalid e) {
            throw new HeadRefused(400, "Bad Request");
        }
    }
}
