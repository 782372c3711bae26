package io.inteli.proxy.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Removes the headers that apply to one connection only (RFC 9110 7.6.1), as Jetty's proxy does: the fixed set,
 * plus every name the Connection header lists.
 */
final class HopByHop {
    static final Set<String> FIXED = Set.of("connection", "keep-alive", "proxy-authenticate", "proxy-authorization",
                                            "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade");

    private HopByHop() {
    }

    static List<HeaderLine> strip(List<HeaderLine> headers) {
        Set<String> listed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (HeaderLine h : headers) {
            if (h.is("connection")) {
                for (String token : h.value().split(",")) {
                    if (!token.isBlank()) {
                        listed.add(token.trim());
                    }
                }
            }
        }
        List<HeaderLine> kept = new ArrayList<>(headers.size());
        for (HeaderLine h : headers) {
            if (!FIXED.contains(h.name().toLowerCase(Locale.ROOT)) && !listed.contains(h.name())) {
                kept.add(h);
            }
        }
        return kept;
    }
}
