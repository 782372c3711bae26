package io.inteli.proxy.control;

import java.time.Duration;
import java.util.List;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.Key;

/**
 * The registry's timing and abuse limits ({@code inteli.registry.*}).
 *
 * @param maxPending   sockets that may be open without having authenticated yet, all addresses together; a memory
 *                     cap, not an admission limit: past it the oldest such socket is closed, never the new one
 * @param authDelayMax the longest wait before the challenge of an address whose authentications keep failing
 */
public record RegistrySettings(Duration pingInterval, Duration pingTimeout, Duration authTimeout,
                               Duration drainTimeout, int maxPending, Duration authDelayMax) {
    static final Key PING_INTERVAL = Key.of("inteli.registry.ping-interval", "5s");
    /** Default: three ping intervals. */
    static final Key PING_TIMEOUT = Key.withoutDefault("inteli.registry.ping-timeout");
    static final Key AUTH_TIMEOUT = Key.of("inteli.registry.auth-timeout", "5s");
    static final Key DRAIN_TIMEOUT = Key.of("inteli.registry.drain-timeout", "30s");
    static final Key MAX_PENDING = Key.of("inteli.registry.max-pending", "5000");
    static final Key AUTH_DELAY_MAX = Key.of("inteli.registry.auth-delay-max", "2s");
    /** Removed keys: a value is accepted with a warning naming what replaced them (not an unknown key). */
    static final Key BAN_AFTER = Key.of("inteli.registry.ban-after", "5");
    static final Key BAN_FOR = Key.of("inteli.registry.ban-for", "1m");
    public static final List<Key> KEYS = List.of(PING_INTERVAL, PING_TIMEOUT, AUTH_TIMEOUT, DRAIN_TIMEOUT,
                                                 MAX_PENDING, AUTH_DELAY_MAX, BAN_AFTER, BAN_FOR);
    private static final System.Logger LOG = System.getLogger(RegistrySettings.class.getName());

    /** @throws io.inteli.proxy.config.InvalidConfigurationException naming the first key with a bad value */
    public static RegistrySettings from(ConfigValues config) {
        for (Key removed : new Key[] {BAN_AFTER, BAN_FOR}) {
            config.string(removed.name()).ifPresent(value -> LOG.log(
                    System.Logger.Level.WARNING, "{0}={1} is ignored: addresses are no longer banned after failed "
                            + "authentications; each failure delays that address''s next challenge instead, at most "
                            + "{2} (default 2s)", removed.name(), value, AUTH_DELAY_MAX.name()));
        }
        Duration pingInterval = config.positiveDuration(PING_INTERVAL);
        return new RegistrySettings(
                pingInterval,
                config.positiveDuration(PING_TIMEOUT.name(), pingInterval.multipliedBy(3)),
                config.positiveDuration(AUTH_TIMEOUT),
                config.duration(DRAIN_TIMEOUT),
                config.intInRange(MAX_PENDING, 1, 1_000_000),
                config.duration(AUTH_DELAY_MAX));
    }
}
