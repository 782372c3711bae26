package io.inteli.protocol;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * HMAC-SHA-256 proof of the shared secret: {@code hex(HMAC(secret, "inteli-v1\n" + nonce + "\n" + agentId))}.
 */
public final class Signatures {
    /** Secrets shorter than this are refused by the proxy and the agent alike. */
    public static final int MIN_SECRET_LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Signatures() {
    }

    /** A fresh challenge nonce: 32 random bytes as 64 lowercase hex digits. */
    public static String newNonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    public static String sign(String secret, String nonce, String agentId) {
        return HEX.formatHex(mac(secret, nonce, agentId));
    }

    /**
     * True when the signature was made with any of the secrets (rotation). Every secret is tried, and each
     * comparison takes the same time whatever the bytes, so timing tells nothing about which part was wrong.
     */
    public static boolean verify(List<String> secrets, String nonce, String agentId, String signature) {
        if (signature == null || !MessageCodec.isHex256(signature)) {
            return false;
        }
        byte[] given = HEX.parseHex(signature);
        boolean match = false;
        for (String secret : secrets) {
            match |= Hmac.sameBytes(mac(secret, nonce, agentId), given);
        }
        return match;
    }

    private static byte[] mac(String secret, String nonce, String agentId) {
        return Hmac.sha256(secret, Protocol.SUBPROTOCOL + "\n" + nonce + "\n" + agentId);
    }
}
