package io.inteli.proxy.balancing;

import java.time.Duration;
import java.util.Optional;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
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

    public static final String PREFIX = "inteli.lb.";

    public BalancerSettings(StrategyKind strategy, Optional<String> stickyCookie, int ejectAfter, Duration ejectFor) {
        this(strategy, stickyCookie, ejectAfter, ejectFor, Optional.empty());
    }

    public static BalancerSettings from(Config config) {
        ConfigValues read = new ConfigValues(config);
        String strategy = read.oneOf(PREFIX + "strategy", StrategyKind.ROUND_ROBIN.configName(),
                                     StrategyKind.configNames());
        Optional<String> cookie = read.string(PREFIX + "sticky-cookie");
        // RFC 6265 cookie-name: a token
        cookie.filter(name -> !Tokens.isToken(name)).ifPresent(name -> {
            throw new InvalidConfigurationException(PREFIX + "sticky-cookie", "'" + name + "' is not a cookie name");
        });
        return new BalancerSettings(StrategyKind.fromConfigName(strategy), cookie,
                                    read.intInRange(PREFIX + "eject-after", 1, 0, 1000),
                                    read.positiveDuration(PREFIX + "eject-for", Duration.ofSeconds(10)),
                                    // checked by the control plane; a generated secret is not shared anyway
                                    read.string("inteli.secret").map(list -> list.split(",")[0].trim())
                                            .filter(first -> !first.isEmpty()));
    }
}
