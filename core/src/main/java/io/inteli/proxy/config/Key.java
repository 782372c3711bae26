package io.inteli.proxy.config;

/**
 * One {@code inteli.*} key, declared once, by the settings that read it, with the default it has when absent,
 * written as the documentation writes it ({@code 5s}, {@code 16384}); {@code null} when there is no literal one
 * (none, generated, unlimited, or computed from another key). The start-up's list of every key
 * ({@code startup.ProxyKeys}) is made of these.
 */
public record Key(String name, String defaultValue) {

    public static Key of(String name, String defaultValue) {
        return new Key(name, defaultValue);
    }

    public static Key withoutDefault(String name) {
        return new Key(name, null);
    }

    /** The name: a key reads as itself in messages ({@code "set " + key}). */
    @Override
    public String toString() {
        return name;
    }
}
