package io.inteli.proxy.forwarding;

import java.util.List;
import java.util.Optional;

import io.inteli.proxy.http.HeaderLine;

/** Reads one cookie from the request's Cookie headers (RFC 6265 5.4: "a=1; b=2", possibly several lines). */
final class Cookies {
    private Cookies() {
    }

    static Optional<String> value(List<HeaderLine> headers, String name) {
        for (HeaderLine h : headers) {
            if (!h.is("cookie")) {
                continue;
            }
            for (String pair : h.value().split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String value = pair.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }
}
