package io.inteli.proxy.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.Tokens;

/**
 * Removes the headers that apply to one connection only (RFC 9110 7.6.1), as Jetty's proxy does: the fixed set,
 * plus every name the Connection header lists.
 */
final class HopByHop {
    static final Set<String> FIXED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                                            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    /** A new, modifiable list without the hop-by-hop headers. */
    static List<HeaderLine> strip(List<HeaderLine> headers) {
        Set<String> listed = Tokens.listed(headers, "connection");
        List<HeaderLine> kept = new ArrayList<>(headers.size() + 2);
        for (HeaderLine h : headers) {
            if (!isFixed(h.name()) && !listed.contains(h.name())) {
                kept.add(h);
            }
        }
        return kept;
    }

    private static boolean isFixed(String name) {
        // cheap first test: every fixed name is 2 to 19 characters and starts with c, k, p, t or u
        char first = Character.toLowerCase(name.isEmpty() ? ' ' : name.charAt(0));
        return (first == 'c' || first == 'k' || first == 'p' || first == 't' || first == 'u')
                && FIXED.contains(name.toLowerCase(Locale.ROOT));
    }
}
