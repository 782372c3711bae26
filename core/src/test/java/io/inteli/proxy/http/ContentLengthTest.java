package io.inteli.proxy.http;

import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ContentLengthTest {
    @Test
    void readsOneLengthOrTheSameLengthRepeated() throws Exception {
        assertEquals(OptionalLong.empty(), ContentLength.of(List.of(new HeaderLine("Host", "h"))));
        assertEquals(OptionalLong.of(42), ContentLength.of(lines("42")));
        assertEquals(OptionalLong.of(0), ContentLength.of(lines("0")));
        assertEquals(OptionalLong.of(42), ContentLength.of(lines("42, 42")));
        assertEquals(OptionalLong.of(42), ContentLength.of(lines(" 42 ", "42")));
        assertEquals(OptionalLong.of(999_999_999_999_999_999L), ContentLength.of(lines("999999999999999999")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-1", "+5", "5 5", "0x10", "1e3", "4,", ",4", "4,,4", "1234567890123456789",
            "\u0664"})
    void refusesWhatIsNotALength(String value) {
        ContentLength.Invalid e = assertThrows(ContentLength.Invalid.class, () -> ContentLength.of(lines(value)));
        assertEquals("invalid Content-Length", e.getMessage());
    }

    @Test
    void refusesDifferingValuesEvenWhenTheyAreTheSameNumber() {
        for (List<HeaderLine> headers : List.of(lines("3", "4"), lines("3, 4"), lines("4, 04"), lines("4", "04"))) {
            ContentLength.Invalid e = assertThrows(ContentLength.Invalid.class, () -> ContentLength.of(headers));
            assertEquals("differing Content-Length values", e.getMessage());
        }
    }

    private static List<HeaderLine> lines(String... values) {
        return java.util.Arrays.stream(values).map(v -> new HeaderLine("Content-Length", v)).toList();
    }
}
