package io.inteli.proxy.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.Tokens;

/**
 * Removes the headers that apply to one connection only (RFC 9110 7.6.1), as Jetty's proxy does: the fixed set,
 * plus the names the Connection header lists. Naming a header in Connection never removes the framing fields
 * (Content-Length, Transfer-Encoding: the proxy decides a forwarded message's framing itself) nor the fields the
 * proxy sets: otherwise a client could strip a request's length while its body is still sent, and the rest of the
 * body would reach the backend as a request of its own.
 */
final class HopByHop {
    static final Set<String> FIXED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                                            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    /** Fields a Connection option cannot remove. */
    static final Set<String> PROTECTED = Set.of("content-length", "transfer-encoding", "host", "x-forwarded-for",
                                                "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port",
                                                "forwarded", "via");

    private HopByHop() {
    }

    /** A new, modifiable list without the hop-by-hop headers. */
    static List<HeaderLine> strip(List<HeaderLine> headers) {
        Set<String> listed = Tokens.listed(headers, "connection");
        List<HeaderLine> kept = new ArrayList<>(headers.size() + 2);
        for (HeaderLine h : headers) {
            if (!isFixed(h.name()) && (!listed.contains(h.name()) || isProtected(h.name()))) {
                kept.add(h);
            }
        }
        return kept;
    }

    private static boolean isProtected(String name) {
        return PROTECTED.contains(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isFixed(String name) {
        // cheap first test: every fixed name is 2 to 19 characters and starts with c, k, p, t or u
        char first = Character.toLowerCase(name.isEmpty() ? ' ' : name.charAt(0));
        return (first == 'c' || first == 'k' || first == 'p' || first == 't' || first == 'u')
                && FIXED.contains(name.toLowerCase(Locale.ROOT));
    }
}
