package io.inteli.proxy.http;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * RFC 9110 section 5.6.2 tokens and lists of them, read without regular expressions: both run on every proxied
 * request.
 */
public final class Tokens {
    private static final String SPECIALS = "!#$%&'*+-.^_`|~";

    private Tokens() {
    }

    /**
     * The comma-separated elements of every field called {@code name} (Connection's options, for one), trimmed and
     * compared without case; empty when there are none.
     */
    public static Set<String> listed(List<HeaderLine> headers, String name) {
        Set<String> listed = Set.of();
        for (HeaderLine h : headers) {
            if (h.is(name)) {
                for (String element : h.value().split(",")) {
                    if (!element.isBlank()) {
                        if (listed.isEmpty()) {
                            listed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                        }
                        listed.add(element.trim());
                    }
                }
            }
        }
        return listed;
    }

    /** True for a non-empty string of tchars. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True for a tchar: a letter, a digit or one of {@code !#$%&'*+-.^_`|~}. */
    static boolean isTokenChar(char c) {
        boolean alphanumeric = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        return alphanumeric || SPECIALS.indexOf(c) >= 0;
    }
}
