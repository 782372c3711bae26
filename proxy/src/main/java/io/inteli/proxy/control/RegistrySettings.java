package io.inteli.proxy.control;

import java.time.Duration;

import io.inteli.proxy.config.ConfigValues;

/**
 * The registry's timing and abuse limits ({@code inteli.registry.*}).
 *
 * @param maxPending   sockets that may be open without having authenticated yet, all addresses together; a memory
 *                     cap, not an admission limit: past it the oldest such socket is closed, never the new one
 * @param authDelayMax the longest wait before the challenge of an address whose authentications keep failing
 */
record RegistrySettings(Duration pingInterval, Duration pingTimeout, Duration authTimeout, Duration drainTimeout,
                        int maxPending, Duration authDelayMax) {
    static final String MAX_PENDING = "inteli.registry.max-pending";
    static final String AUTH_DELAY_MAX = "inteli.registry.auth-delay-max";
    /** Removed keys: a value is accepted with a warning naming what replaced them. */
    static final String BAN_AFTER = "inteli.registry.ban-after";
    static final String BAN_FOR = "inteli.registry.ban-for";
    private static final System.Logger LOG = System.getLogger(RegistrySettings.class.getName());

    static RegistrySettings from(ConfigValues config) {
        for (String removed : new String[] {BAN_AFTER, BAN_FOR}) {
            config.string(removed).ifPresent(value -> LOG.log(
                    System.Logger.Level.WARNING, "{0}={1} is ignored: addresses are no longer banned after failed "
                            + "authentications; each failure delays that address''s next challenge instead, at most "
                            + "{2} (default 2s)", removed, value, AUTH_DELAY_MAX));
        }
        Duration pingInterval = config.positiveDuration("inteli.registry.ping-interval", Duration.ofSeconds(5));
        return new RegistrySettings(
                pingInterval,
                config.positiveDuration("inteli.registry.ping-timeout", pingInterval.multipliedBy(3)),
                config.positiveDuration("inteli.registry.auth-timeout", Duration.ofSeconds(5)),
                config.duration("inteli.registry.drain-timeout", Duration.ofSeconds(30)),
                config.intInRange(MAX_PENDING, 5_000, 1, 1_000_000),
                config.duration(AUTH_DELAY_MAX, Duration.ofSeconds(2)));
    }
}
