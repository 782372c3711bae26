package io.inteli.proxy.balancing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.config.SharedKeys;
import io.inteli.proxy.http.Tokens;
import org.eclipse.microprofile.config.Config;

/**
 * The load balancer's public keys ({@code inteli.lb.*}), parsed and checked once at start-up.
 *
 * @param ejectAfter   consecutive connect failures that eject a backend; 0 never ejects
 * @param stickySecret the agents' secret (the first of {@code inteli.secret}) the sticky tokens' key is derived
 *                     from, so that proxies sharing it honour each other's cookies; empty: a key of this process
 */
public record BalancerSettings(StrategyKind strategy, Optional<String> stickyCookie, int ejectAfter,
                               Duration ejectFor, Optional<String> stickySecret) {

    static final Key STRATEGY = Key.of("inteli.lb.strategy", StrategyKind.ROUND_ROBIN.configName());
    static final Key STICKY_COOKIE = Key.withoutDefault("inteli.lb.sticky-cookie");
    static final Key EJECT_AFTER = Key.of("inteli.lb.eject-after", "1");
    static final Key EJECT_FOR = Key.of("inteli.lb.eject-for", "10s");
    public static final List<Key> KEYS = List.of(STRATEGY, STICKY_COOKIE, EJECT_AFTER, EJECT_FOR);

    public BalancerSettings(StrategyKind strategy, Optional<String> stickyCookie, int ejectAfter, Duration ejectFor) {
        this(strategy, stickyCookie, ejectAfter, ejectFor, Optional.empty());
    }

    public static BalancerSettings from(Config config) {
        ConfigValues read = new ConfigValues(config);
        String strategy = read.oneOf(STRATEGY, StrategyKind.configNames());
        Optional<String> cookie = read.string(STICKY_COOKIE);
        // RFC 6265 cookie-name: a token
        cookie.filter(name -> !Tokens.isToken(name)).ifPresent(name -> {
            throw new InvalidConfigurationException(STICKY_COOKIE.name(), "'" + name + "' is not a cookie name");
        });
        return new BalancerSettings(StrategyKind.fromConfigName(strategy), cookie,
                                    read.intInRange(EJECT_AFTER, 0, 1000),
                                    read.positiveDuration(EJECT_FOR),
                                    // checked by the control plane; a generated secret is not shared anyway
                                    SharedKeys.secrets(read).map(List::getFirst).filter(first -> !first.isEmpty()));
    }
}
