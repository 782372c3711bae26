package io.inteli.proxy.balancing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import io.inteli.protocol.Hmac;
import io.inteli.proxy.registry.Backend;

/**
 * The opaque value of the sticky cookie: an HMAC of the backend's id and URL, so the cookie names neither the
 * backend's address nor its id and cannot be forged to pick a backend.
 * <p>
 * The key is derived from the agents' secret (HMAC-SHA-256 of a label under the secret, so it is not the secret and
 * serves nothing else): proxies that share the secret (a fleet behind one name) give the same backend the same token
 * and honour each other's cookies, and a restarted proxy honours the cookies it gave. Id and URL, not the
 * registration, because every proxy numbers its registrations itself; a backend that comes back with the same id and
 * URL is the same backend and keeps its cookies, one that comes back elsewhere gets a new token. Without a
 * configured secret (a generated one is never shared), the key is random for this process.
 */
final class StickyTokens {
    /** Labels the derived key: a sticky token can never be taken for an agent's signature, nor the reverse. */
    private static final byte[] LABEL = "inteli sticky-cookie key v1".getBytes(StandardCharsets.UTF_8);
    private final byte[] key;

    StickyTokens() {
        this(Optional.empty());
    }

    StickyTokens(Optional<String> secret) {
        if (secret.isPresent()) {
            key = Hmac.sha256(secret.get().getBytes(StandardCharsets.UTF_8), LABEL);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    String tokenOf(Backend backend) {
        byte[] digest = Hmac.sha256(key, (backend.id() + '\n' + backend.url()).getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    }
}
