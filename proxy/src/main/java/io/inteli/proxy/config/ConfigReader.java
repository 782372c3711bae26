package io.inteli.proxy.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.inteli.protocol.Durations;
import org.eclipse.microprofile.config.Config;

/**
 * Reads public configuration values strictly: every value is read as text and parsed here, so that a typo
 * ("ture", "2x") stops start-up with a message naming the key instead of falling back to a default.
 */
public final class ConfigReader {
    private final Config config;

    public ConfigReader(Config config) {
        this.config = config;
    }

    public Optional<String> text(String key) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    public boolean bool(String key, boolean fallback) {
        return text(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(key, v, "write true or false");
        }).orElse(fallback);
    }

    public int integer(String key, int fallback, int min, int max) {
        return text(key).map(v -> {
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) {
                    throw invalid(key, v, "must be between " + min + " and " + max);
                }
                return n;
            } catch (NumberFormatException e) {
                throw invalid(key, v, "not a whole number");
            }
        }).orElse(fallback);
    }

    public Duration positiveDuration(String key, Duration fallback) {
        return text(key).map(v -> {
            try {
                return Durations.parsePositive(v);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(key, e.getMessage());
            }
        }).orElse(fallback);
    }

    public String oneOf(String key, String fallback, Set<String> allowed) {
        return text(key).map(v -> {
            if (!allowed.contains(v)) {
                throw invalid(key, v, "must be one of " + allowed.stream().sorted().toList());
            }
            return v;
        }).orElse(fallback);
    }

    /** A byte count: digits with an optional binary suffix k, m or g (KiB, MiB, GiB). */
    public Optional<Long> byteSize(String key) {
        return text(key).map(v -> {
            String lower = v.toLowerCase(Locale.ROOT);
            long factor = 1;
            char last = lower.charAt(lower.length() - 1);
            if (last == 'k' || last == 'm' || last == 'g') {
                factor = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
                lower = lower.substring(0, lower.length() - 1);
            }
            try {
                long n = Long.parseLong(lower);
                if (n < 0 || n > Long.MAX_VALUE / factor) {
                    throw invalid(key, v, "must be a positive size");
                }
                return n * factor;
            } catch (NumberFormatException e) {
                throw invalid(key, v, "write a byte count such as 1048576, 512k, 10m or 1g");
            }
        });
    }

    public static InvalidConfigException invalid(String key, String value, String why) {
        return new InvalidConfigException(key, "'" + value + "': " + why);
    }
}
