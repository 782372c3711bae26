package io.inteli.proxy.startup;

import java.util.Map;

import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.testsupport.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one early check of every inteli.* value: the first bad one is named, good ones and defaults pass. */
class ValueCheckTest {

    @Test
    void defaultsAndGoodValuesPass() {
        assertDoesNotThrow(() -> ValueCheck.check(TestConfig.of(Map.of())));
        assertDoesNotThrow(() -> ValueCheck.check(TestConfig.of(Map.of(
                "inteli.registry.ping-interval", "2s", "inteli.registry.ping-timeout", "PT10S",
                "inteli.registry.max-pending", "10", "inteli.secret", "0123456789abcdef0123456789abcdef",
                "inteli.lb.strategy", "random", "inteli.proxy.max-body-size", "10m",
                "inteli.log.stack-traces", "true", "server.port", "0"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "server.port; 70000",
        "inteli.control.port; http",
        "inteli.control.tls.enabled; yes",
        "inteli.registry.ping-interval; 5x",
        "inteli.registry.ping-timeout; 0s",
        "inteli.registry.auth-timeout; -1s",
        "inteli.registry.drain-timeout; soon",
        "inteli.registry.max-pending; 0",
        "inteli.registry.auth-delay-max; soon",
        "inteli.proxy.tls.check-interval; 0s",
        "inteli.health.ready-without-backends; maybe",
        "inteli.admin.token; two words",
        "inteli.secret; too-short",
        "inteli.proxy.shutdown-timeout; 0s",
        "inteli.proxy.tls.enabled; on",
        "inteli.proxy.tunnel-idle-timeout; 0s",
        "inteli.proxy.tunnel-idle-timeout; forever",
        "inteli.proxy.read-timeout; 0s",
        "inteli.proxy.front-door; netty",
        "inteli.proxy.max-body-size; 12x",
        "inteli.proxy.client-header-timeout; 0s",
        "inteli.proxy.client-body-timeout; soon",
        "inteli.proxy.allow-trace; maybe",
        "inteli.lb.strategy; fastest",
        "inteli.lb.sticky-cookie; a b",
        "inteli.log.stack-traces; loud",
    })
    void aBadValueIsNamedByItsKey(String key, String value) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ValueCheck.check(TestConfig.of(Map.of(key, value))));
        assertTrue(e.getMessage().startsWith("invalid configuration " + key + ": "), e.getMessage());
    }
}
