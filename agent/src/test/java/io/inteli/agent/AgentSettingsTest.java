package io.inteli.agent;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentSettingsTest {
    private static final String SECRET = "inteli-test-secret-0123456789abcdef";
    private static final String PIN_COLONS = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
            + "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

    private static Map<String, String> minimal() {
        Map<String, String> config = new HashMap<>();
        config.put("inteli.agent.proxies", "wss://proxy-a:9443/registry, wss://proxy-b:9443/registry");
        config.put("inteli.secret", SECRET);
        config.put("server.port", "8081");
        config.put("server.host", "127.0.0.1");
        return config;
    }

    private static AgentSettings read(Map<String, String> config) {
        return AgentSettings.read(key -> Optional.ofNullable(config.get(key)));
    }

    @Test
    void derivesDefaultsFromTheServerSettings() {
        AgentSettings settings = read(minimal());
        assertTrue(settings.active());
        assertEquals(List.of(URI.create("wss://proxy-a:9443/registry"), URI.create("wss://proxy-b:9443/registry")),
                settings.proxies());
        assertEquals("http://127.0.0.1:8081", settings.url());
        assertEquals(1, settings.weight());
        assertEquals(List.of("/"), settings.routes());
        assertEquals(Duration.ofSeconds(30), settings.drainTimeout());
        assertTrue(settings.agentId().matches("[A-Za-z0-9._:-]+-8081-[0-9a-f]{6}"), settings.agentId());
        assertEquals(List.of(), settings.pins());
    }

    @Test
    void readsEveryKey() {
        Map<String, String> config = minimal();
        config.put("inteli.agent.id", "orders-1");
        config.put("inteli.agent.url", "https://orders.internal:8443/api/");
        config.put("inteli.agent.weight", "1000");
        config.put("inteli.agent.routes", "/orders, /carts");
        config.put("inteli.agent.tls.pin", PIN_COLONS);
        config.put("inteli.agent.drain-timeout", "45s");
        config.put("inteli.agent.backoff-max", "2s");
        config.put("inteli.agent.readiness-interval", "500ms");
        AgentSettings settings = read(config);
        assertEquals("orders-1", settings.agentId());
        assertEquals("https://orders.internal:8443/api", settings.url());
        assertEquals(1000, settings.weight());
        assertEquals(List.of("/orders", "/carts"), settings.routes());
        assertEquals(List.of(PIN_COLONS.replace(":", "").toLowerCase()), settings.pins());
        assertEquals(Duration.ofSeconds(45), settings.drainTimeout());
        assertEquals(Duration.ofSeconds(2), settings.backoffMax());
        assertEquals(Duration.ofMillis(500), settings.readinessInterval());
    }

    @Test
    void acceptsThePinAsPlainHexInAnyCase() {
        assertEquals(AgentSettings.pin(PIN_COLONS), AgentSettings.pin(PIN_COLONS.replace(":", "").toLowerCase()));
    }

    @Test
    void acceptsOnePinPerProxy() {
        Map<String, String> config = minimal();
        config.put("inteli.agent.tls.pin", PIN_COLONS + ", " + "12".repeat(32));
        assertEquals(List.of(AgentSettings.pin(PIN_COLONS), "12".repeat(32)), read(config).pins());
    }

    @Test
    void staysIdleWithoutProxiesOrWhenDisabled() {
        Map<String, String> none = new HashMap<>(Map.of("inteli.agent.weight", "0"));
        assertFalse(read(none).active());
        Map<String, String> disabled = minimal();
        disabled.put("inteli.agent.enabled", "false");
        disabled.put("inteli.secret", "short");
        assertFalse(read(disabled).active());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "inteli.agent.enabled|maybe",
        "inteli.agent.proxies|https://proxy:9443/registry",
        "inteli.agent.proxies|wss://",
        "inteli.agent.proxies|wss://proxy:9443/registry, not a url",
        "inteli.secret|NULL",
        "inteli.secret|too-short-secret",
        "inteli.agent.id|has space",
        "inteli.agent.id|slash/id",
        "inteli.agent.url|ftp://backend:21",
        "inteli.agent.url|http://backend",
        "inteli.agent.url|http://backend:8080/?q=1",
        "inteli.agent.weight|0",
        "inteli.agent.weight|1001",
        "inteli.agent.weight|heavy",
        "inteli.agent.routes|orders",
        "inteli.agent.routes|' , '",
        "inteli.agent.tls.pin|not-a-fingerprint",
        "inteli.agent.tls.pin|AB:CD",
        "inteli.agent.tls.pin|'1212121212121212121212121212121212121212121212121212121212121212, AB'",
        "inteli.agent.tls.truststore|/no/such/truststore.p12",
        "inteli.agent.drain-timeout|soon",
        "inteli.agent.drain-timeout|0s",
        "inteli.agent.backoff-max|-1s",
        "inteli.agent.readiness-interval|often",
    })
    void refusesAnInvalidValueNamingItsKey(String key, String value) {
        Map<String, String> config = minimal();
        config.put(key, value);
        if (value == null) {
            config.remove(key);
        }
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(config));
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
    }

    @Test
    void refusesAnUnusableDefaultUrl() {
        Map<String, String> config = minimal();
        config.put("server.port", "0");
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(config));
        assertTrue(e.getMessage().startsWith("inteli.agent.url: "), e.getMessage());
        config.remove("server.port");
        assertThrows(InvalidSettingException.class, () -> read(config));
    }

    @Test
    void refusesAPinAndATruststoreTogether() {
        Map<String, String> config = minimal();
        config.put("inteli.agent.tls.pin", PIN_COLONS);
        config.put("inteli.agent.tls.truststore", Path.of("pom.xml").toAbsolutePath().toString());
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> read(config));
        assertTrue(e.getMessage().startsWith("inteli.agent.tls.pin: "), e.getMessage());
    }
}
