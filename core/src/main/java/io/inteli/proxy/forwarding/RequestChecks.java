package io.inteli.proxy.forwarding;

import java.util.List;
import java.util.OptionalLong;

import io.inteli.proxy.http.HeadRefused;
import io.inteli.proxy.http.RequestFraming;
import io.inteli.proxy.http.HeaderLine;

/**
 * Refuses the framing that lets a proxy and its backend disagree on where a request ends (request smuggling), by
 * {@link RequestFraming}'s rules, and header sections over the limit.
 */
final class RequestChecks {
    private RequestChecks() {
    }

    /**
     * How a request's body is framed, read once from its headers.
     *
     * @param refusal the status to refuse the request with (400 or 501), 0 when it is acceptable
     * @param length  the declared Content-Length; empty without one or with a refusal
     */
    record Framing(int refusal, boolean chunked, OptionalLong length) {
        /** A body follows the header section (RFC 9112 6.3). */
        boolean hasBody() {
            return chunked || length.orElse(0) > 0;
        }
    }

    /** By the same rule as the native front door's: {@link RequestFraming}. */
    static Framing framing(List<HeaderLine> headers) {
        try {
            RequestFraming framing = RequestFraming.of(headers, 11);
            return new Framing(0, framing.chunked(),
                               framing.length() < 0 ? OptionalLong.empty() : OptionalLong.of(framing.length()));
        } catch (HeadRefused e) {
            return new Framing(e.status(), false, OptionalLong.empty());
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
