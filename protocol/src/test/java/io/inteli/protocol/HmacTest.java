package io.inteli.protocol;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HmacTest {
    @Test
    void computesTheRfc4231TestCase2() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                     HexFormat.of().formatHex(Hmac.sha256("Jefe", "what do ya want for nothing?")));
    }

    @Test
    void comparesBytesAndTextWholly() {
        assertTrue(Hmac.sameBytes(new byte[] {1, 2, 3}, new byte[] {1, 2, 3}));
        assertFalse(Hmac.sameBytes(new byte[] {1, 2, 3}, new byte[] {1, 2, 4}));
        assertFalse(Hmac.sameBytes(new byte[] {1, 2, 3}, new byte[] {1, 2}));
        assertTrue(Hmac.sameText("tökén", "tökén"));
        assertFalse(Hmac.sameText("token", "token "));
    }

    @Test
    void nullMatchesNothing() {
        assertFalse(Hmac.sameBytes(null, new byte[0]));
        assertFalse(Hmac.sameBytes(new byte[0], null));
        assertFalse(Hmac.sameText("token", null));
        assertFalse(Hmac.sameText(null, null));
    }
}
