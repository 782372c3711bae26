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

    /** Why the request must be refused with 400, if it must. */
    static Optional<String> framingProblem(List<HeaderLine> headers) {
        boolean chunked = headers.stream().anyMatch(h -> h.is("transfer-encoding"));
        if (chunked && headers.stream().anyMatch(h -> h.is("content-length"))) {
            return Optional.of("Content-Length together with Transfer-Encoding");
        }
        try {
            ContentLength.of(headers);
            return Optional.empty();
        } catch (ContentLength.Invalid e) {
            return Optional.of(e.getMessage());
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

    /** The declared length, after {@link #framingProblem} found no problem (empty for a refused one). */
    static OptionalLong contentLength(List<HeaderLine> headers) {
        try {
            return ContentLength.of(headers);
        } catch (ContentLength.Invalid e) {
            return OptionalLong.empty();
        }
    }

    /** A body follows the header section (RFC 9112 6.3). */
    static boolean hasBody(List<HeaderLine> headers) {
        return headers.stream().anyMatch(h -> h.is("transfer-encoding"))
                || contentLength(headers).orElse(0) > 0;
    }
}
