package io.inteli.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.inteli.protocol.UnknownKeys;
import org.eclipse.microprofile.config.Config;

/**
 * Every {@code inteli.*} key the agent reads, with its default as docs/agent.md writes it ({@code null}: none or
 * computed): the one list the unknown-key warning checks against. A key added to {@link AgentSettings} goes here too.
 */
final class AgentKeys {
    static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("inteli.agent.proxies", null);
        m.put("inteli.secret", null);
        m.put("inteli.agent.tls.pin", null);
        m.put("inteli.agent.tls.truststore", null);
        m.put("inteli.agent.tls.truststore-password", "");
        m.put("inteli.agent.id", null);
        m.put("inteli.agent.url", null);
        m.put("inteli.agent.weight", "1");
        m.put("inteli.agent.routes", "/");
        m.put("inteli.agent.enabled", "true");
        m.put("inteli.agent.drain-timeout", "30s");
        m.put("inteli.agent.backoff-max", "10s");
        m.put("inteli.agent.readiness-interval", "2s");
        m.put("inteli.agent.health-url", null);
        m.put("inteli.agent.health-interval", "2s");
        m.put("inteli.agent.dns-refresh", "10s");
        DEFAULTS = Collections.unmodifiableMap(m);
    }

    private static final Logger LOG = Logger.getLogger(AgentKeys.class.getName());

    private AgentKeys() {
    }

    /** One warning per unknown {@code inteli.*} key, naming the closest known one. */
    static void warnUnknown(Config config) {
        for (String warning : UnknownKeys.warnings(config.getPropertyNames(), "inteli.", DEFAULTS.keySet())) {
            LOG.log(Level.WARNING, warning);
        }
    }
}
