package io.inteli.proxy.http;

import java.util.List;
import java.util.OptionalLong;

/** The length that a message's Content-Length fields declare, read by one rule for requests and responses. */
public final class ContentLength {
    private static final int MAX_DIGITS = 18;

    private ContentLength() {
    }

    /** Content-Length values that cannot frame a message safely: the message is refused. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The declared length; empty without a Content-Length field. Several fields, or a comma-separated list, must
     * carry the same digits (RFC 9110 8.6 lets a recipient accept "42, 42"): "42, 042" is refused as "42, 43" is,
     * since two parsers could frame it differently.
     */
    public static OptionalLong of(List<HeaderLine> headers) throws Invalid {
        String digits = null;
        for (HeaderLine h : headers) {
            if (!h.is("content-length")) {
                continue;
            }
            for (String part : h.value().split(",", -1)) {
                String value = part.trim();
                if (!isDigits(value)) {
                    throw new Invalid("invalid Content-Length");
                }
                if (digits != null && !digits.equals(value)) {
                    throw new Invalid("differing Content-Length values");
                }
                digits = value;
            }
        }
        return digits == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(digits));
    }

    private static boolean isDigits(String value) {
        if (value.isEmpty() || value.length() > MAX_DIGITS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
