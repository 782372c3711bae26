package io.inteli.protocol;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DurationsTest {
    @Test
    void readsShortAndIsoForms() {
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(1), Durations.parse("1h"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("PT5S"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("pt5s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "five", "-5s", "5 days", "PT-5S", "1.5s"})
    void rejectsAnythingElse(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @Test
    void parsePositiveRejectsZero() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parsePositive("0s"));
    }

    @Test
    void formatWritesTheShortFormThatParseReadsBack() {
        assertEquals("30s", Durations.format(Duration.ofSeconds(30)));
        assertEquals("500ms", Durations.format(Duration.ofMillis(500)));
        assertEquals("1500ms", Durations.format(Duration.ofMillis(1500)));
        assertEquals("2m", Durations.format(Duration.ofMinutes(2)));
        assertEquals("1h", Durations.format(Duration.ofHours(1)));
        assertEquals("0s", Durations.format(Duration.ZERO));
        for (String text : new String[] {"30s", "500ms", "2m", "1h", "90s"}) {
            assertEquals(text, Durations.format(Durations.parse(text)));
        }
    }
}
