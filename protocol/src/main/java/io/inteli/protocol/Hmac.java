package io.inteli.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one HMAC-SHA-256 and the one constant-time comparison of the project: the agents' signatures, the proxy's
 * sticky-cookie tokens and dashboard sessions, the admin token and certificate pins all go through here. In the
 * protocol module because the proxy and the agent share it; plain JDK, so the agent stays small.
 */
public final class Hmac {
    private static final String ALGORITHM = "HmacSHA256";

    private Hmac() {
    }

    /** HMAC-SHA-256 of {@code data} under {@code key}: 32 bytes. */
    public static byte[] sha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** HMAC-SHA-256 of the UTF-8 bytes of {@code data} under the UTF-8 bytes of {@code key}. */
    public static byte[] sha256(String key, String data) {
        return sha256(key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True when both hold the same bytes. Takes the same time whatever the bytes (only the lengths may tell), so
     * timing says nothing about how much of a guess was right. Null equals nothing.
     */
    public static boolean sameBytes(byte[] expected, byte[] given) {
        return expected != null && given != null && MessageDigest.isEqual(expected, given);
    }

    /** {@link #sameBytes} over the UTF-8 bytes of two strings. */
    public static boolean sameText(String expected, String given) {
        return expected != null && given != null && sameBytes(expected.getBytes(StandardCharsets.UTF_8),
                                                              given.getBytes(StandardCharsets.UTF_8));
    }
}
