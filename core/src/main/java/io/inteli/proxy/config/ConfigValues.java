package io.inteli.proxy.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.eclipse.microprofile.config.Config;

/**
 * Reads the proxy's own keys strictly: MicroProfile's built-in converters would read {@code ready=yes please} as
 * false; durations and byte sizes go through the proxy's registered converters. Every failure is an {@link InvalidConfigurationException} that
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
        return converted(key, Duration.class).orElse(defaultValue);
    }

    /** A duration that must not be zero: timeouts and intervals. */
    public Duration positiveDuration(String key, Duration defaultValue) {
        Optional<Duration> value = converted(key, Duration.class);
        if (value.isPresent() && value.get().isZero()) {
            throw new InvalidConfigurationException(key, "'" + string(key).orElse("") + "' must be greater than zero");
        }
        return value.orElse(defaultValue);
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

    // ---- with the key's declared default

    public Optional<String> string(Key key) {
        return string(key.name()).or(() -> Optional.ofNullable(key.defaultValue()));
    }

    public boolean bool(Key key) {
        return bool(key.name(), Boolean.parseBoolean(key.defaultValue()));
    }

    public int intInRange(Key key, int min, int max) {
        return intInRange(key.name(), Integer.parseInt(key.defaultValue()), min, max);
    }

    public Duration duration(Key key) {
        return duration(key.name(), declaredDuration(key));
    }

    public Duration positiveDuration(Key key) {
        return positiveDuration(key.name(), declaredDuration(key));
    }

    public String oneOf(Key key, Set<String> allowed) {
        return oneOf(key.name(), key.defaultValue(), allowed);
    }

    public Optional<Long> byteSize(Key key) {
        return byteSize(key.name());
    }

    private static Duration declaredDuration(Key key) {
        return key.defaultValue() == null ? null : new DurationConverter().convert(key.defaultValue());
    }

    /** A byte count: digits with an optional binary suffix k, m or g (KiB, MiB, GiB). */
    public Optional<Long> byteSize(String key) {
        return converted(key, ByteSize.class).map(ByteSize::bytes);
    }

    /**
     * Through the registered converters ({@link DurationConverter}, {@link ByteSizeConverter}); an empty value is
     * absent. A value they refuse is named with its key, whatever the configuration wrapped the refusal in.
     */
    private <T> Optional<T> converted(String key, Class<T> type) {
        if (string(key).isEmpty()) {
            return Optional.empty();
        }
        try {
            return config.getOptionalValue(key, type);
        } catch (IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof InvalidValueException invalid) {
                    throw new InvalidConfigurationException(key, invalid.getMessage(), e);
                }
            }
            throw new InvalidConfigurationException(key, e.getMessage(), e);
        }
    }
}
