package io.inteli.proxy.health;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.Key;

/**
 * @param readyWithoutBackends {@code inteli.health.ready-without-backends}: ready even when no backend is ACTIVE
 */
public record ReadinessPolicy(boolean readyWithoutBackends) {
    public static final Key KEY = Key.of("inteli.health.ready-without-backends", "false");

    /** @throws io.inteli.proxy.config.InvalidConfigurationException when the value is not true or false */
    public static ReadinessPolicy from(ConfigValues config) {
        return new ReadinessPolicy(config.bool(KEY));
    }
}
