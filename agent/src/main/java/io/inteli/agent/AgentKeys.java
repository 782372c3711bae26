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
    /** Key, then its default, in the order of docs/agent.md. */
    static final Map<String, String> DEFAULTS = inOrder(
            "inteli.agent.proxies", null,
            "inteli.secret", null,
            "inteli.agent.tls.pin", null,
            "inteli.agent.tls.truststore", null,
            "inteli.agent.tls.truststore-password", "",
            "inteli.agent.id", null,
            "inteli.agent.url", null,
            "inteli.agent.weight", "1",
            "inteli.agent.routes", "/",
            "inteli.agent.enabled", "true",
            "inteli.agent.drain-timeout", "30s",
            "inteli.agent.backoff-max", "10s",
            "inteli.agent.readiness-interval", "2s",
            "inteli.agent.health-url", null,
            "inteli.agent.health-interval", "2s",
            "inteli.agent.dns-refresh", "10s");

    private static final Logger LOG = Logger.getLogger(AgentKeys.class.getName());

    private AgentKeys() {
    }

    private static Map<String, String> inOrder(String... keyThenDefault) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyThenDefault.length; i += 2) {
            m.put(keyThenDefault[i], keyThenDefault[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** One warning per unknown {@code inteli.*} key, naming the closest known one. */
    static void warnUnknown(Config config) {
        for (String warning : UnknownKeys.warnings(config.getPropertyNames(), "inteli.", DEFAULTS.keySet())) {
            LOG.log(Level.WARNING, warning);
        }
    }
}
