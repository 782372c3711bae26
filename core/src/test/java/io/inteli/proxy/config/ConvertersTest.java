package io.inteli.proxy.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.inteli.testsupport.TestConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Durations and byte sizes through the registered MicroProfile Config converters, with the documented messages. */
class ConvertersTest {

    @Test
    void theRegisteredConvertersReadTheDocumentedForms() {
        ConfigValues config = new ConfigValues(TestConfig.of(Map.of(
                "a", "500ms", "b", " 5s ", "c", "2m", "d", "1h", "e", "PT5S", "f", "512k", "g", "10m", "h", "1g",
                "i", "1048576", "blank", "  ")));
        assertEquals(Duration.ofMillis(500), config.duration("a", null));
        assertEquals(Duration.ofSeconds(5), config.duration("b", null));
        assertEquals(Duration.ofMinutes(2), config.duration("c", null));
        assertEquals(Duration.ofHours(1), config.duration("d", null));
        assertEquals(Duration.ofSeconds(5), config.duration("e", null));
        assertEquals(Optional.of(512L << 10), config.byteSize("f"));
        assertEquals(Optional.of(10L << 20), config.byteSize("g"));
        assertEquals(Optional.of(1L << 30), config.byteSize("h"));
        assertEquals(Optional.of(1048576L), config.byteSize("i"));
        assertEquals(Duration.ofSeconds(7), config.duration("blank", Duration.ofSeconds(7)), "blank is absent");
        assertEquals(Optional.empty(), config.byteSize("blank"));
    }

    @Test
    void theApplicationsConfigurationHasThem() {
        assertEquals(Duration.ofMillis(1500), ConfigProvider.getConfig().getConverter(Duration.class).orElseThrow()
                .convert("1500ms"));
        assertEquals(new ByteSize(2048), ConfigProvider.getConfig().getConverter(ByteSize.class).orElseThrow()
                .convert("2k"));
        assertNull(new DurationConverter().convert(""));
    }

    @Test
    void aRefusedDurationIsOneLineNamingTheKeyAndTheForms() {
        ConfigValues config = new ConfigValues(TestConfig.of(Map.of("inteli.registry.ping-interval", "often",
                                                                   "inteli.registry.auth-timeout", "0s")));
        assertEquals("invalid configuration inteli.registry.ping-interval: 'often' is not a duration (write 500ms, "
                + "5s, 2m, 1h or PT5S)", assertThrows(InvalidConfigurationException.class,
                () -> config.duration("inteli.registry.ping-interval", null)).getMessage());
        assertEquals("invalid configuration inteli.registry.auth-timeout: '0s' must be greater than zero",
                     assertThrows(InvalidConfigurationException.class,
                             () -> config.positiveDuration("inteli.registry.auth-timeout", null)).getMessage());
        assertEquals(Duration.ZERO, config.duration("inteli.registry.auth-timeout", null), "zero where allowed");
    }

    @Test
    void aRefusedByteSizeNamesTheKeyAndTheForms() {
        ConfigValues config = new ConfigValues(TestConfig.of(Map.of("inteli.proxy.max-body-size", "12x")));
        assertEquals("invalid configuration inteli.proxy.max-body-size: '12x' is not a byte count such as 1048576, "
                + "512k, 10m or 1g", assertThrows(InvalidConfigurationException.class,
                () -> config.byteSize("inteli.proxy.max-body-size")).getMessage());
    }
}
