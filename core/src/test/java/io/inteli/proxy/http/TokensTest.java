package io.inteli.proxy.http;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {
    @Test
    void acceptsEveryTchar() {
        assertTrue(Tokens.isToken("!#$%&'*+-.^_`|~09AZaz"));
        assertTrue(Tokens.isToken("example.com"));
    }

    @Test
    void listsTheElementsOfEveryFieldOfANameWithoutCase() {
        List<HeaderLine> headers = List.of(new HeaderLine("Connection", " Keep-Alive, X-Hop ,"),
                                           new HeaderLine("Host", "close"), new HeaderLine("connection", "CLOSE"));
        Set<String> listed = Tokens.listed(headers, "connection");
        assertEquals(3, listed.size(), listed.toString());
        assertTrue(listed.containsAll(List.of("keep-alive", "x-hop", "close")), listed.toString());
        assertTrue(Tokens.listed(headers, "upgrade").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "h:8080", "[::1]", "a;b", "a,b", "\"q\"", "a/b", "a@b", "a=b", "a\tb",
            "caf\u00e9", "a\u0000b", "a(b)", "a{b}", "a\\b", "a?b"})
    void rejectsAnythingElse(String value) {
        assertFalse(Tokens.isToken(value), value);
    }
}
