package io.inteli.proxy.startup;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.inteli.proxy.admin.AdminToken;
import io.inteli.proxy.balancing.BalancerSettings;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.config.SharedKeys;
import io.inteli.proxy.control.RegistrySettings;
import io.inteli.proxy.controlport.ControlPlaneSetup;
import io.inteli.proxy.forwarding.ClientLimits;
import io.inteli.proxy.forwarding.ProxySettings;
import io.inteli.proxy.health.ReadinessPolicy;
import io.inteli.proxy.lifecycle.GracefulShutdown;
import io.inteli.proxy.lifecycle.OpenTunnels;
import io.inteli.proxy.tls.DataPlaneTlsSettings;

/**
 * Every {@code inteli.*} key the proxy reads, gathered from the settings that declare them (each key is declared
 * once, with its default, by the package that reads it): the one list that the unknown-key warning and the
 * documentation test ({@code DocumentedKeysTest}) check against. A key added to a component's settings goes into
 * that component's list, or start-up warns that it is unknown.
 */
public final class ProxyKeys {
    /** {@code true}: start-up failures also print their stack trace (by default one line only). */
    static final Key STACK_TRACES = Key.of("inteli.log.stack-traces", "false");

    /** Every key, in the order of the documentation. */
    static final List<Key> ALL = Stream.of(
            // control plane (docs/configuration.md)
            ControlPlaneSetup.KEYS, SharedKeys.KEYS, RegistrySettings.KEYS,
            List.of(AdminToken.KEY, ReadinessPolicy.KEY),
            // data plane (docs/data-plane.md)
            ProxySettings.KEYS, ClientLimits.KEYS, List.of(OpenTunnels.IDLE_TIMEOUT), DataPlaneTlsSettings.KEYS,
            BalancerSettings.KEYS,
            // operations (docs/operations.md)
            List.of(GracefulShutdown.TIMEOUT, STACK_TRACES)).flatMap(List::stream).toList();

    /** Key -> default ({@code null}: none, generated, unlimited or computed); in the order of the documentation. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        for (Key key : ALL) {
            if (m.containsKey(key.name())) {
                throw new IllegalStateException(key.name() + " is declared twice");
            }
            m.put(key.name(), key.defaultValue());
        }
        DEFAULTS = Collections.unmodifiableMap(m);
    }

    private ProxyKeys() {
    }

    public static boolean known(String key) {
        return DEFAULTS.containsKey(key);
    }

    public static Optional<String> defaultOf(String key) {
        return Optional.ofNullable(DEFAULTS.get(key));
    }
}
