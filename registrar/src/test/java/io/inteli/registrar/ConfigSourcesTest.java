package io.inteli.registrar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import io.inteli.agent.Agent;
import io.inteli.protocol.UnknownKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MicroProfile Config's default sources and their order, as the registrar reads them. */
class ConfigSourcesTest {
    private static final String KEY = "inteli.agent.drain-timeout";

    @TempDir
    Path dir;

    private static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }

    @Test
    void systemPropertiesComeBeforeEnvironmentBeforeTheFile() {
        Properties file = properties(KEY, "1s");
        Map<String, String> environment = Map.of("INTELI_AGENT_DRAIN_TIMEOUT", "2s");
        assertEquals(Optional.of("3s"), new ConfigSources(properties(KEY, "3s"), environment, file).apply(KEY));
        assertEquals(Optional.of("2s"), new ConfigSources(new Properties(), environment, file).apply(KEY));
        assertEquals(Optional.of("1s"), new ConfigSources(new Properties(), Map.of(), file).apply(KEY));
        assertEquals(Optional.empty(), new ConfigSources(new Properties(), Map.of(), new Properties()).apply(KEY));
    }

    @Test
    void environmentNamesFollowMicroProfilesThreeStepMapping() {
        Properties none = new Properties();
        // exact, then non-alphanumerics as _, then upper case: the first one found wins
        assertEquals(Optional.of("exact"), new ConfigSources(none, Map.of(KEY, "exact",
                "inteli_agent_drain_timeout", "sanitized", "INTELI_AGENT_DRAIN_TIMEOUT", "upper"), none).apply(KEY));
        assertEquals(Optional.of("sanitized"), new ConfigSources(none, Map.of(
                "inteli_agent_drain_timeout", "sanitized", "INTELI_AGENT_DRAIN_TIMEOUT", "upper"), none).apply(KEY));
        assertEquals(Optional.of("upper"), new ConfigSources(none, Map.of("INTELI_AGENT_DRAIN_TIMEOUT", "upper"),
                none).apply(KEY));
        assertEquals(Optional.empty(), new ConfigSources(none, Map.of("INTELI_AGENT_DRAIN", "x"), none).apply(KEY));
    }

    @Test
    void theConfigFileIsAPropertiesFileAndAMissingOneNamesTheOption() throws Exception {
        Path file = dir.resolve("registrar.properties");
        Files.writeString(file, "# comment\ninteli.agent.url = http://10.0.0.5:8000\n");
        assertEquals(Optional.of("http://10.0.0.5:8000"), new ConfigSources(new Properties(), Map.of(),
                ConfigSources.load(file)).apply("inteli.agent.url"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ConfigSources.load(dir.resolve("missing.properties")));
        assertTrue(missing.getMessage().startsWith("--config: cannot read "), missing.getMessage());
    }

    @Test
    void aBadHealthSettingNamesItsKey() {
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> HealthProbe.of(
                key -> Optional.ofNullable(Map.of(HealthProbe.HEALTH_URL, "localhost:8000/health").get(key))));
        assertTrue(url.getMessage().startsWith("inteli.agent.health-url: "), url.getMessage());
        IllegalArgumentException interval = assertThrows(IllegalArgumentException.class, () -> HealthProbe.of(
                key -> Optional.ofNullable(Map.of(HealthProbe.HEALTH_INTERVAL, "0s").get(key))));
        assertTrue(interval.getMessage().startsWith("inteli.agent.health-interval: "), interval.getMessage());
        assertTrue(HealthProbe.of(key -> Optional.empty()).ready(), "no health URL: always ready");
    }

    @Test
    void aMisspelledKeyInAnySourceIsWarnedAboutNamingTheClosestKnownOne() {
        ConfigSources config = new ConfigSources(properties("inteli.agent.wieght", "2"),
                Map.of("INTELI_AGENT_HEALTH_URLL", "http://127.0.0.1:1/", "PATH", "/usr/bin"),
                properties("inteli.agent.dns-refrsh", "5s"));
        assertEquals(List.of("INTELI_AGENT_HEALTH_URLL: unknown key (environment variable); did you mean "
                        + "INTELI_AGENT_HEALTH_URL (inteli.agent.health-url)?",
                "inteli.agent.dns-refrsh: unknown key; did you mean inteli.agent.dns-refresh?",
                "inteli.agent.wieght: unknown key; did you mean inteli.agent.weight?"),
                UnknownKeys.warnings(config.names(), "inteli.", Agent.knownKeys()));
    }
}
