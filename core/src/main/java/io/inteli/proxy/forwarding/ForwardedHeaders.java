package io.inteli.proxy.forwarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.Tokens;

/**
 * The request headers sent to a backend: the client's end-to-end headers, the X-Forwarded-* set, RFC 7239
 * Forwarded and Via appended to what earlier proxies wrote, and Host as the client sent it unless
 * {@code inteli.proxy.preserve-host=false}.
 */
final class ForwardedHeaders {
    static final String VIA = "1.1 inteli";

    private final boolean preserveHost;

    ForwardedHeaders(boolean preserveHost) {
        this.preserveHost = preserveHost;
    }

    /**
     * @param received the client's headers as received
     * @param endToEnd the same without the hop-by-hop ones
     */
    List<HeaderLine> backendRequestHeaders(ClientRequest in, List<HeaderLine> received, List<HeaderLine> endToEnd,
                                           String backendAuthority) {
        Optional<String> clientHost = first(received, "host");
        List<HeaderLine> out = new ArrayList<>(endToEnd.size() + 8);
        String forwardedFor = null;
        String forwarded = null;
        String via = null;
        for (HeaderLine h : endToEnd) {
            if (h.is("host") || h.is("x-forwarded-proto") || h.is("x-forwarded-host") || h.is("x-forwarded-port")
                    || h.is("expect")) {
                // set below; Expect was answered by the proxy's own server
                continue;
            }
            if (h.is("x-forwarded-for")) {
                forwardedFor = join(forwardedFor, h.value());
            } else if (h.is("forwarded")) {
                forwarded = join(forwarded, h.value());
            } else if (h.is("via")) {
                via = join(via, h.value());
            } else {
                out.add(h);
            }
        }
        String host = preserveHost ? clientHost.orElse(backendAuthority) : backendAuthority;
        out.add(new HeaderLine("Host", host));
        out.add(new HeaderLine("X-Forwarded-For", join(forwardedFor, in.remoteAddress())));
        out.add(new HeaderLine("X-Forwarded-Proto", in.scheme()));
        clientHost.ifPresent(h -> out.add(new HeaderLine("X-Forwarded-Host", h)));
        out.add(new HeaderLine("X-Forwarded-Port", Integer.toString(in.localPort())));
        out.add(new HeaderLine("Forwarded", join(forwarded, forwardedElement(in, clientHost))));
        out.add(new HeaderLine("Via", join(via, VIA)));
        return out;
    }

    private static String forwardedElement(ClientRequest in, Optional<String> clientHost) {
        String address = in.remoteAddress();
        // RFC 7239 6: an IPv6 address is bracketed and therefore quoted
        String node = address.contains(":") ? "\"[" + address + "]\"" : address;
        StringBuilder element = new StringBuilder("for=").append(node).append(";proto=").append(in.scheme());
        clientHost.ifPresent(h -> element.append(";host=").append(quoteIfNeeded(h)));
        return element.toString();
    }

    private static String quoteIfNeeded(String value) {
        return Tokens.isToken(value) ? value
                : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Optional<String> first(List<HeaderLine> headers, String name) {
        for (HeaderLine h : headers) {
            if (h.is(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    private static String join(String before, String value) {
        return before == null ? value : before + ", " + value;
    }
}
