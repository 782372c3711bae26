package io.inteli.proxy.http;

/** RFC 9110 section 5.6.2 tokens, checked without a regular expression: the check runs on every proxied request. */
public final class Tokens {
    private static final String SPECIALS = "!#$%&'*+-.^_`|~";

    private Tokens() {
    }

    /** True for a non-empty string of tchars. */
    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alphanumeric = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            if (!alphanumeric && SPECIALS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
