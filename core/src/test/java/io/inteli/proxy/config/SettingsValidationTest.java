package io.inteli.proxy.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.inteli.proxy.balancing.BalancerSettings;
import io.inteli.proxy.balancing.StrategyKind;
import io.inteli.proxy.forwarding.ProxySettings;
import org.eclipse.microprofile.config.Config;
import io.inteli.testsupport.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsValidationTest {

    static Config config(Map<String, String> values) {
        return TestConfig.of(values);
    }

    @Test
    void defaultsMatchTheDocumentation() {
        ProxySettings p = ProxySettings.from(config(Map.of()));
        assertEquals(ProxySettings.FrontDoor.NATIVE, p.frontDoor());
        assertTrue(p.preserveHost());
        assertEquals(403, p.noBackendStatus());
        assertEquals(1, p.retries());
        assertEquals(Duration.ofSeconds(2), p.connectTimeout());
        assertEquals(Duration.ofSeconds(60), p.readTimeout());
        assertEquals(OptionalLong.empty(), p.maxBodySize());
        assertFalse(p.accessLog());
        assertEquals(16384, p.maxHeaderSize());
        assertEquals(8192, p.maxUriLength());
        BalancerSettings b = BalancerSettings.from(config(Map.of()));
        assertEquals(StrategyKind.ROUND_ROBIN, b.strategy());
        assertEquals(Optional.empty(), b.stickyCookie());
        assertEquals(1, b.ejectAfter());
        assertEquals(Duration.ofSeconds(10), b.ejectFor());
    }

    @Test
    void readsEveryKey() {
        ProxySettings p = ProxySettings.from(config(Map.ofEntries(
                Map.entry("inteli.proxy.front-door", "jaxrs"), Map.entry("inteli.proxy.preserve-host", "false"),
                Map.entry("inteli.proxy.no-backend-status", "503"), Map.entry("inteli.proxy.retries", "3"),
                Map.entry("inteli.proxy.connect-timeout", "250ms"), Map.entry("inteli.proxy.read-timeout", "PT5S"),
                Map.entry("inteli.proxy.max-body-size", "10m"), Map.entry("inteli.proxy.access-log", "true"),
                Map.entry("inteli.proxy.max-header-size", "8192"), Map.entry("inteli.proxy.max-uri-length", "2048"))));
        assertEquals(new ProxySettings(ProxySettings.FrontDoor.JAXRS, false, 503, 3, Duration.ofMillis(250),
                                       Duration.ofSeconds(5), OptionalLong.of(10L << 20), true, 8192, 2048), p);
        BalancerSettings b = BalancerSettings.from(config(Map.of(
                "inteli.lb.strategy", "least-requests", "inteli.lb.sticky-cookie", "SRV",
                "inteli.lb.eject-after", "3", "inteli.lb.eject-for", "1m")));
        assertEquals(new BalancerSettings(StrategyKind.LEAST_REQUESTS, Optional.of("SRV"), 3, Duration.ofMinutes(1)), b);
    }

    @Test
    void readsTheClientLimits() {
        assertEquals(new io.inteli.proxy.forwarding.ClientLimits(Duration.ofSeconds(60), Duration.ofSeconds(60), false),
                     io.inteli.proxy.forwarding.ClientLimits.from(config(Map.of())));
        assertEquals(new io.inteli.proxy.forwarding.ClientLimits(Duration.ofMillis(500), Duration.ofSeconds(2), true),
                     io.inteli.proxy.forwarding.ClientLimits.from(config(Map.of(
                             "inteli.proxy.client-header-timeout", "500ms", "inteli.proxy.client-body-timeout", "2s",
                             "inteli.proxy.allow-trace", "true"))));
    }

    @ParameterizedTest
    @CsvSource({"inteli.proxy.client-header-timeout, 0s", "inteli.proxy.client-header-timeout, soon",
            "inteli.proxy.client-body-timeout, -1s", "inteli.proxy.allow-trace, maybe"})
    void refusesInvalidClientLimits(String key, String value) {
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> io.inteli.proxy.forwarding.ClientLimits.from(config(Map.of(key, value))));
    }

    @ParameterizedTest
    @CsvSource({
            "inteli.proxy.front-door, servlet",
            "inteli.proxy.preserve-host, yes",
            "inteli.proxy.no-backend-status, 200",
            "inteli.proxy.no-backend-status, abc",
            "inteli.proxy.retries, -1",
            "inteli.proxy.connect-timeout, 0s",
            "inteli.proxy.connect-timeout, 2 seconds",
            "inteli.proxy.read-timeout, -5s",
            "inteli.proxy.max-body-size, 12x",
            "inteli.proxy.max-body-size, -1",
            "inteli.proxy.access-log, on",
            "inteli.proxy.max-header-size, 10",
            "inteli.proxy.max-uri-length, many",
            "inteli.lb.strategy, fastest",
            "inteli.lb.sticky-cookie, 'bad name;'",
            "inteli.lb.eject-after, -2",
            "inteli.lb.eject-for, soon",
    })
    void refusesAnInvalidValueNamingItsKey(String key, String value) {
        Config config = config(Map.of(key, value));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> {
            ProxySettings.from(config);
            BalancerSettings.from(config);
        });
        assertTrue(e.getMessage().startsWith("invalid configuration " + key + ": '" + value + "'"), e.getMessage());
    }
}
