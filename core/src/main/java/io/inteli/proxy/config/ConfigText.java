package io.inteli.proxy.config;

/** What the converters share: MicroProfile Config treats an empty value as an absent one. */
final class ConfigText {
    private ConfigText() {
    }

    /** The value without surrounding white space; null when it is absent or blank. */
    static String present(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
