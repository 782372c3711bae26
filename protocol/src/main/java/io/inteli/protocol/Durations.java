package io.inteli.protocol;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses configuration durations: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT5S}).
 * Shared by the proxy and the agent so both read the same syntax.
 */
public final class Durations {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming the accepted forms, for anything else (negative included)
     */
    public static Duration parse(String text) {
        String value = text == null ? "" : text.trim();
        Matcher m = SHORT.matcher(value.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
            };
        }
        if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                Duration d = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (!d.isNegative()) {
                    return d;
                }
            } catch (DateTimeParseException ignored) {
                // fall through to the common message
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration (write 500ms, 5s, 2m, 1h or PT5S)");
    }

    /** Like {@link #parse(String)}, but zero is refused too: timeouts and intervals must be positive. */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' must be greater than zero");
        }
        return d;
    }

    /** The short form {@link #parse(String)} reads back ({@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}), for logs. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }
}
