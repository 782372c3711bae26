package io.inteli.proxy.health;

import java.util.Map;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.testsupport.TestConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** inteli.health.ready-without-backends, read by the package that uses it. */
class ReadinessPolicyTest {

    @Test
    void defaultsToNotReadyWithoutBackends() {
        assertFalse(ReadinessPolicy.from(new ConfigValues(TestConfig.of(Map.of()))).readyWithoutBackends());
        assertTrue(ReadinessPolicy.from(new ConfigValues(TestConfig.of(Map.of(ReadinessPolicy.KEY.name(), "true"))))
                           .readyWithoutBackends());
    }

    @Test
    void refusesAValueThatIsNotTrueOrFalseNamingTheKey() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> ReadinessPolicy.from(
                new ConfigValues(TestConfig.of(Map.of("inteli.health.ready-without-backends", "yes")))));
        assertEquals("invalid configuration inteli.health.ready-without-backends: 'yes' is not true or false",
                     e.getMessage());
    }
}
