package io.inteli.proxy.control;

import java.time.Duration;

import io.inteli.proxy.config.ConfigValues;

/**
 * The registry's timing and abuse limits ({@code inteli.registry.*}).
 *
 * @param maxPending sockets that may be open without having authenticated yet; more are refused
 * @param banAfter   failed authentications from one address before it is refused for {@code banFor}
 */
record RegistrySettings(Duration pingInterval, Duration pingTimeout, Duration authTimeout, Duration drainTimeout,
                        int maxPending, int banAfter, Duration banFor) {

    static RegistrySettings from(ConfigValues config) {
        Duration pingInterval = config.positiveDuration("inteli.registry.ping-interval", Duration.ofSeconds(5));
        return new RegistrySettings(
                pingInterval,
                config.positiveDuration("inteli.registry.ping-timeout", pingInterval.multipliedBy(3)),
                config.positiveDuration("inteli.registry.auth-timeout", Duration.ofSeconds(5)),
                config.duration("inteli.registry.drain-timeout", Duration.ofSeconds(30)),
                config.intInRange("inteli.registry.max-pending", 64, 1, 1_000_000),
                config.intInRange("inteli.registry.ban-after", 5, 1, 1_000_000),
                config.positiveDuration("inteli.registry.ban-for", Duration.ofMinutes(1)));
    }
}
