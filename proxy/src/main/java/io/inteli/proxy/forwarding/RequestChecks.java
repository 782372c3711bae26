package io.inteli.proxy.forwarding;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.inteli.proxy.http.ContentLength;
import io.inteli.proxy.http.HeaderLine;

/**
 * Refuses the framing that lets a proxy and its backend disagree on where a request ends (request smuggling):
 * Content-Length together with Transfer-Encoding, or Content-Length values that differ.
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * How a request's body is framed, read once from its headers.
     *
     * @param problem why the request must be refused with 400, if it must
     * @param length  the declared Content-Length; empty without one or with a problem
     */
    record Framing(Optional<String> problem, boolean chunked, OptionalLong length) {
        /** A body follows the header section (RFC 9112 6.3). */
        boolean hasBody() {
            return chunked || length.orElse(0) > 0;
        }
    }

    static Framing framing(List<HeaderLine> headers) {
        boolean chunked = false;
        boolean hasLength = false;
        for (HeaderLine h : headers) {
            chunked |= h.is("transfer-encoding");
            hasLength |= h.is("content-length");
        }
        if (chunked && hasLength) {
            return new Framing(Optional.of("Content-Length together with Transfer-Encoding"), true,
                               OptionalLong.empty());
        }
        try {
            return new Framing(Optional.empty(), chunked, ContentLength.of(headers));
        } catch (ContentLength.Invalid e) {
            return new Framing(Optional.of(e.getMessage()), chunked, OptionalLong.empty());
        }
    }

    /** The size of the header section as it was on the wire: "name: value" and CRLF per line. */
    static long headerSectionSize(List<HeaderLine> headers) {
        long size = 0;
        for (HeaderLine h : headers) {
            size += h.name().length() + 2 + h.value().length() + 2;
        }
        return size;
    }
}
