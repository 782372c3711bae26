package io.inteli.proxy.startup;

import java.time.Duration;
import java.util.Optional;

import io.inteli.protocol.Signatures;
import io.inteli.proxy.balancing.BalancerSettings;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.config.ProxyKeys;
import io.inteli.proxy.tls.DataPlaneTlsSettings;
import io.inteli.proxy.forwarding.ProxySettings;
import io.inteli.proxy.lifecycle.OpenTunnels;
import org.eclipse.microprofile.config.Config;

/**
 * Checks every {@code inteli.*} value once, before the container starts, so that a bad one stops start-up with one
 * line and before anything is bound or written. The components read the same values again later (they also run
 * under the test support, without this class); the data plane's and the balancer's own parsers are used as they
 * are, the control plane's rules are repeated here because its parsers are internal to it.
 */
final class ValueCheck {
    private ValueCheck() {
    }

    /** @throws InvalidConfigurationException naming the first key with a bad value */
    static void check(Config mpConfig) {
        ConfigValues config = new ConfigValues(mpConfig);
        config.bool(ProxyKeys.STACK_TRACES, false);
        config.intInRange("server.port", 8080, 0, 65535);
        config.intInRange("inteli.control.port", 9443, 0, 65535);
        config.bool("inteli.control.tls.enabled", true);
        Duration pingInterval = config.positiveDuration("inteli.registry.ping-interval", Duration.ofSeconds(5));
        config.positiveDuration("inteli.registry.ping-timeout", pingInterval.multipliedBy(3));
        config.positiveDuration("inteli.registry.auth-timeout", Duration.ofSeconds(5));
        config.duration("inteli.registry.drain-timeout", Duration.ofSeconds(30));
        config.intInRange("inteli.registry.max-pending", 5_000, 1, 1_000_000);
        config.duration("inteli.registry.auth-delay-max", Duration.ofSeconds(2));
        // inteli.registry.ban-after and ban-for are removed: any old value is accepted, with a warning
        config.bool("inteli.health.ready-without-backends", false);
        Optional<String> token = config.string("inteli.admin.token");
        if (token.isPresent() && token.get().chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidConfigurationException("inteli.admin.token", "must not contain white space");
        }
        config.string("inteli.secret").ifPresent(ValueCheck::secrets);
        config.positiveDuration("inteli.proxy.shutdown-timeout", Duration.ofSeconds(30));
        DataPlaneTlsSettings.from(mpConfig);
        OpenTunnels.idleTimeout(config);
        ProxySettings.from(mpConfig);
        BalancerSettings.from(mpConfig);
    }

    private static void secrets(String value) {
        String[] secrets = value.split(",");
        for (int i = 0; i < secrets.length; i++) {
            int length = secrets[i].trim().length();
            if (length < Signatures.MIN_SECRET_LENGTH) {
                // the secret itself stays out of the message: it may be a real one with a typo
                throw new InvalidConfigurationException("inteli.secret", "secret #" + (i + 1) + " of "
                        + secrets.length + " is " + length + " characters long; at least "
                        + Signatures.MIN_SECRET_LENGTH + " are needed");
            }
        }
    }
}
