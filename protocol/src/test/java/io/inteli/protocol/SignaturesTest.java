package io.inteli.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignaturesTest {
    private static final String SECRET = "inteli-test-secret-0123456789abcdef";
    private static final String NONCE = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String VECTOR = "d775e3b9dd0c25ab3cd9520c7878243bf67c1af0ab0b83555cf26f2c08835734";

    @Test
    void signsTheTestVectorOfTheIssue() {
        assertEquals(VECTOR, Signatures.sign(SECRET, NONCE, "orders-1"));
    }

    @Test
    void verifiesWithAnyOfSeveralSecrets() {
        assertTrue(Signatures.verify(List.of("another-secret-of-at-least-32-chars!!", SECRET), NONCE, "orders-1", VECTOR));
    }

    @Test
    void rejectsAnotherAgentIdNonceOrSecret() {
        assertFalse(Signatures.verify(List.of(SECRET), NONCE, "orders-2", VECTOR));
        assertFalse(Signatures.verify(List.of(SECRET), Signatures.newNonce(), "orders-1", VECTOR));
        assertFalse(Signatures.verify(List.of(SECRET + "x"), NONCE, "orders-1", VECTOR));
    }

    @Test
    void rejectsMalformedSignatures() {
        assertFalse(Signatures.verify(List.of(SECRET), NONCE, "orders-1", VECTOR.toUpperCase()));
        assertFalse(Signatures.verify(List.of(SECRET), NONCE, "orders-1", VECTOR.substring(2)));
        assertFalse(Signatures.verify(List.of(SECRET), NONCE, "orders-1", null));
    }

    @Test
    void makesAFreshNonceEachTime() {
        String a = Signatures.newNonce();
        assertTrue(a.matches("[0-9a-f]{64}"));
        assertNotEquals(a, Signatures.newNonce());
    }
}
