package io.inteli.proxy.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@code inteli.*} key the proxy reads, with the default it uses when the key is absent: the one list that
 * the unknown-key warning and the documentation test ({@code DocumentedKeysTest}) check against. A key added to a
 * component goes here too, or start-up warns that it is unknown.
 *
 * <p>A default is written as the documentation tables write it; {@code null} means no literal default (none,
 * generated, unlimited, or computed from another key).
 */
public final class ProxyKeys {
    /** {@code true}: start-up failures also print their stack trace (by default one line only). */
    public static final String STACK_TRACES = "inteli.log.stack-traces";

    /** Key -> default; in the order of the documentation. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        // control plane (docs/configuration.md)
        m.put("inteli.control.port", "9443");
        m.put("inteli.control.host", "0.0.0.0");
        m.put("inteli.control.tls.enabled", "true");
        m.put("inteli.control.tls.keystore", null);
        m.put("inteli.control.tls.keystore-password", "");
        m.put("inteli.state-dir", "~/.inteli");
        m.put("inteli.secret", null);
        m.put("inteli.registry.ping-interval", "5s");
        m.put("inteli.registry.ping-timeout", null);
        m.put("inteli.registry.auth-timeout", "5s");
        m.put("inteli.registry.drain-timeout", "30s");
        m.put("inteli.registry.max-pending", "5000");
        m.put("inteli.registry.auth-delay-max", "2s");
        // removed: an old value is still accepted, with a warning naming auth-delay-max (not an unknown key)
        m.put("inteli.registry.ban-after", "5");
        m.put("inteli.registry.ban-for", "1m");
        m.put("inteli.admin.token", null);
        m.put("inteli.health.ready-without-backends", "false");
        // data plane (docs/data-plane.md)
        m.put("inteli.proxy.front-door", "native");
        m.put("inteli.proxy.preserve-host", "true");
        m.put("inteli.proxy.no-backend-status", "403");
        m.put("inteli.proxy.retries", "1");
        m.put("inteli.proxy.connect-timeout", "2s");
        m.put("inteli.proxy.read-timeout", "60s");
        m.put("inteli.proxy.max-body-size", null);
        m.put("inteli.proxy.max-header-size", "16384");
        m.put("inteli.proxy.max-uri-length", "8192");
        m.put("inteli.proxy.access-log", "false");
        m.put("inteli.proxy.client-header-timeout", "60s");
        m.put("inteli.proxy.client-body-timeout", "60s");
        m.put("inteli.proxy.allow-trace", "false");
        m.put("inteli.proxy.tunnel-idle-timeout", "1h");
        m.put("inteli.proxy.tls.enabled", "false");
        m.put("inteli.proxy.tls.keystore", null);
        m.put("inteli.proxy.tls.keystore-password", "");
        m.put("inteli.proxy.tls.check-interval", "5s");
        m.put("inteli.lb.strategy", "round-robin");
        m.put("inteli.lb.sticky-cookie", null);
        m.put("inteli.lb.eject-after", "1");
        m.put("inteli.lb.eject-for", "10s");
        // operations (docs/operations.md)
        m.put("inteli.proxy.shutdown-timeout", "30s");
        m.put(STACK_TRACES, "false");
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
