package io.inteli.proxy.startup;

import io.inteli.proxy.balancing.BalancerSettings;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.controlport.ControlPlaneSetup;
import io.inteli.proxy.forwarding.ClientLimits;
import io.inteli.proxy.forwarding.ProxySettings;
import io.inteli.proxy.health.ReadinessPolicy;
import io.inteli.proxy.lifecycle.GracefulShutdown;
import io.inteli.proxy.lifecycle.OpenTunnels;
import io.inteli.proxy.tls.DataPlaneTlsSettings;
import org.eclipse.microprofile.config.Config;

/**
 * Checks every {@code inteli.*} value once, before the container starts, so that a bad one stops start-up with one
 * line and before anything is bound or written. Each value is checked by the parser of the settings that declare
 * it, the same the container's wiring uses later: no rule is written twice.
 */
final class ValueCheck {
    private ValueCheck() {
    }

    /** @throws InvalidConfigurationException naming the first key with a bad value */
    static void check(Config mpConfig) {
        ConfigValues config = new ConfigValues(mpConfig);
        config.bool(ProxyKeys.STACK_TRACES);
        config.intInRange("server.port", 8080, 0, 65535);
        ControlPlaneSetup.check(config);
        ReadinessPolicy.from(config);
        GracefulShutdown.timeout(config);
        DataPlaneTlsSettings.from(mpConfig);
        OpenTunnels.idleTimeout(config);
        ProxySettings.from(mpConfig);
        ClientLimits.from(mpConfig);
        BalancerSettings.from(mpConfig);
    }
}
