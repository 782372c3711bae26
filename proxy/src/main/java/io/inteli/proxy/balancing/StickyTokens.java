package io.inteli.proxy.balancing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.inteli.proxy.registry.Backend;

/**
 * The opaque value of the sticky cookie: an HMAC of the registration under a key made at start, so the cookie
 * names neither the backend's address nor its id, cannot be forged to pick a backend, and a new registration of
 * the same id (a restarted backend) gets a new token.
 */
final class StickyTokens {
    private final SecretKeySpec key;

    StickyTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, "HmacSHA256");
    }

    String tokenOf(Backend backend) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((backend.id() + '\n' + backend.registration()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
