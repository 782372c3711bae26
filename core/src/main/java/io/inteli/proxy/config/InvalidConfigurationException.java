package io.inteli.proxy.config;

/**
 * A configuration value the proxy refuses to start with. The message starts with the key.
 */
public final class InvalidConfigurationException extends IllegalArgumentException {
    public InvalidConfigurationException(String key, String problem) {
        super("invalid configuration " + key + ": " + problem);
    }

    public InvalidConfigurationException(String key, String problem, Throwable cause) {
        super("invalid configuration " + key + ": " + problem, cause);
    }
}
