package io.inteli.proxy.config;

import java.time.Duration;

import io.inteli.protocol.Durations;
import jakarta.annotation.Priority;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Durations as the documentation writes them ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, ISO-8601
 * {@code PT5S}), registered with the ServiceLoader. The syntax is the protocol module's ({@link Durations}), which
 * the agent reads its keys with too: one implementation for both. Above the implicit converter
 * ({@code Duration.parse}, ISO-8601 only) that MicroProfile Config would otherwise use.
 */
@Priority(200)
public final class DurationConverter implements Converter<Duration> {
    @Override
    public Duration convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // absent, as MicroProfile Config treats an empty value
        }
        try {
            return Durations.parse(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(e.getMessage());
        }
    }
}
