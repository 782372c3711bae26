package io.inteli.agent;

/**
 * A configuration value the agent cannot run with. The message starts with the key, so that the one line a
 * failed start-up prints says what to fix.
 */
final class InvalidSettingException extends IllegalArgumentException {
    InvalidSettingException(String key, String problem) {
        super(key + ": " + problem);
    }
}
