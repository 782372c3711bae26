package io.inteli.proxy.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.inteli.protocol.Durations;
import org.eclipse.microprofile.config.Config;

/**
 * Reads the proxy's own keys strictly: MicroProfile's converters would read {@code ready=yes please} as false and
 * {@code 5 s} as an error without the key's name. Every failure is an {@link InvalidConfigurationException} that
 * names the key, so that start-up stops with one clear line.
 */
public final class ConfigValues {
    private final Config config;

    public ConfigValues(Config config) {
        this.config = config;
    }

    public Optional<String> string(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    public Duration duration(String key, Duration defaultValue) {
        return string(key).map(v -> parse(key, v, false)).orElse(defaultValue);
    }

    public Duration positiveDuration(String key, Duration defaultValue) {
        return string(key).map(v -> parse(key, v, true)).orElse(defaultValue);
    }

    public int intInRange(String key, int defaultValue, int min, int max) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // same message as out of range
        }
        throw new InvalidConfigurationException(key, "'" + value.get() + "' is not a whole number from " + min
                + " to " + max);
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> value = string(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new InvalidConfigurationException(key, "'" + value.get() + "' is not true or false");
        };
    }

    public String oneOf(String key, String defaultValue, Set<String> allowed) {
        Optional<String> value = string(key);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw new InvalidConfigurationException(key, "'" + value.get() + "' is not one of "
                    + allowed.stream().sorted().toList());
        }
        return value.orElse(defaultValue);
    }

    /** A byte count: digits with an optional binary suffix k, m or g (KiB, MiB, GiB). */
    public Optional<Long> byteSize(String key) {
        return string(key).map(v -> {
            String digits = v.toLowerCase(Locale.ROOT);
            int shift = switch (digits.charAt(digits.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
            };
            if (shift > 0) {
                digits = digits.substring(0, digits.length() - 1);
            }
            try {
                long n = Long.parseLong(digits);
                if (n >= 0 && n <= Long.MAX_VALUE >> shift) {
                    return n << shift;
                }
            } catch (NumberFormatException ignored) {
                // same message as out of range
            }
            throw new InvalidConfigurationException(key, "'" + v + "' is not a byte count such as 1048576, 512k, "
                    + "10m or 1g");
        });
    }

    private static Duration parse(String key, String value, boolean positive) {
        try {
            return positive ? Durations.parsePositive(value) : Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(key, e.getMessage());
        }
    }
}
