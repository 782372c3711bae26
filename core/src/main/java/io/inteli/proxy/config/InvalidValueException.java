package io.inteli.proxy.config;

/**
 * Thrown by the proxy's converters: the message says what is wrong with the value, and {@link ConfigValues} puts
 * the key in front of it, whatever MicroProfile Config wrapped it in.
 */
final class InvalidValueException extends IllegalArgumentException {
    InvalidValueException(String problem) {
        super(problem);
    }
}
