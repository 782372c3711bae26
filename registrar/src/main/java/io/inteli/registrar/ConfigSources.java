package io.inteli.registrar;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The registrar's configuration, looked up as MicroProfile Config's default sources are: system properties first
 * (ordinal 400), then environment variables (300) under MicroProfile's three names for a key, then the properties file
 * given with {@code --config} (100, as {@code microprofile-config.properties}).
 * <p>
 * A reader of these rules rather than a MicroProfile Config implementation: the registrar reads about fifteen keys
 * once, and SmallRye Config or Helidon Config would add their own dependencies (over a megabyte) and class loading at
 * start-up to a sidecar that is meant to be small and to start in well under a second. What the registrar gives up:
 * property expressions ({@code ${...}}), profiles and converters, which none of its keys need.
 */
final class ConfigSources implements Function<String, Optional<String>> {
    private final Properties system;
    private final Map<String, String> environment;
    private final Properties file;

    ConfigSources(Properties system, Map<String, String> environment, Properties file) {
        this.system = system;
        this.environment = environment;
        this.file = file;
    }

    /** Reads the {@code --config} file; a file that cannot be read is an {@link IllegalArgumentException}. */
    static Properties load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--config: cannot read " + file + " (" + e.getMessage() + ")");
        }
        return properties;
    }

    /** Every name the three sources hold, for the unknown-key warning. */
    Set<String> names() {
        Set<String> names = new TreeSet<>(system.stringPropertyNames());
        names.addAll(environment.keySet());
        names.addAll(file.stringPropertyNames());
        return names;
    }

    @Override
    public Optional<String> apply(String key) {
        String value = system.getProperty(key);
        if (value == null) {
            value = fromEnvironment(key);
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        return Optional.ofNullable(value);
    }

    /**
     * MicroProfile Config 3's environment names, in its order: the key itself, then every character that is not
     * a letter, a digit or {@code _} replaced by {@code _}, then that upper-cased ({@code INTELI_AGENT_URL}).
     */
    private String fromEnvironment(String key) {
        String value = environment.get(key);
        if (value != null) {
            return value;
        }
        String sanitized = key.replaceAll("[^A-Za-z0-9_]", "_");
        value = environment.get(sanitized);
        return value != null ? value : environment.get(sanitized.toUpperCase(java.util.Locale.ROOT));
    }
}
