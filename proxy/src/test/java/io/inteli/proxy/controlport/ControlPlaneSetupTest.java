package io.inteli.proxy.controlport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.control.AgentSecrets;
import io.inteli.proxy.control.RegistrySettings;
import io.inteli.proxy.control.TestKeystores;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlPlaneSetupTest {
    @TempDir
    Path state;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "inteli.registry.ping-interval | 5 seconds | is not a duration",
            "inteli.registry.ping-interval | 0s         | must be greater than zero",
            "inteli.registry.ping-timeout  | -1s        | is not a duration",
            "inteli.registry.auth-timeout  | soon       | is not a duration",
            "inteli.registry.drain-timeout | 30         | is not a duration",
            "inteli.registry.auth-delay-max | soon      | is not a duration",
            "inteli.registry.max-pending   | -1         | is not a whole number from 1",
            "inteli.registry.max-pending   | many       | is not a whole number from 1",
            "inteli.control.port           | 70000      | is not a whole number from 0 to 65535",
            "inteli.control.tls.enabled    | maybe      | is not true or false",
            "inteli.secret                 | too-short  | secret #1 of 1 is 9 characters long; at least 32",
            "inteli.admin.token            | two words  | must not contain white space",
    })
    void refusesAnInvalidValueNamingTheKey(String key, String value, String problem) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                                                       () -> ControlPlaneSetup.prepare(config(Map.of(key, value))));
        assertTrue(e.getMessage().startsWith("invalid configuration " + key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void refusesAShortSecretInARotationListWithoutShowingIt() {
        String good = "a-good-secret-of-more-than-32-characters";
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ControlPlaneSetup.prepare(config(Map.of("inteli.secret", good + ",short-secret-xyz"))));
        assertTrue(e.getMessage().contains("secret #2 of 2 is 16 characters long"), e.getMessage());
        assertFalse(e.getMessage().contains("short-secret-xyz"), "the secret is not shown");
        assertFalse(e.getMessage().contains(good));
    }

    @Test
    void acceptsEverySecretOfARotationList() throws Exception {
        String a = "first-secret-0123456789abcdef-0123";
        String b = "second-secret-0123456789abcdef-012";
        AgentSecrets secrets = ControlPlaneSetup.prepare(config(Map.of("inteli.secret", a + " , " + b))).secrets();
        assertEquals(List.of(a, b), secrets.secrets());
        assertTrue(secrets.file().isEmpty());
        assertFalse(Files.exists(state.resolve(AgentSecrets.FILE)), "nothing generated when configured");
        String nonce = "00".repeat(32);
        assertTrue(secrets.verify(nonce, "orders-1", io.inteli.protocol.Signatures.sign(b, nonce, "orders-1")));
    }

    @Test
    void verifiesTheTestVectorOfTheIssue() throws Exception {
        AgentSecrets secrets = ControlPlaneSetup.prepare(config(Map.of("inteli.secret", "inteli-test-secret-0123456789abcdef"))).secrets();
        String nonce = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        assertTrue(secrets.verify(nonce, "orders-1", "d775e3b9dd0c25ab3cd9520c7878243bf67c1af0ab0b83555cf26f2c08835734"));
        assertFalse(secrets.verify(nonce, "orders-2", "d775e3b9dd0c25ab3cd9520c7878243bf67c1af0ab0b83555cf26f2c08835734"));
    }

    @Test
    void readsTheDefaults() throws Exception {
        ControlPlaneSetup setup = ControlPlaneSetup.prepare(config(Map.of()));
        RegistrySettings r = setup.registry();
        assertEquals(java.time.Duration.ofSeconds(5), r.pingInterval());
        assertEquals(java.time.Duration.ofSeconds(15), r.pingTimeout());
        assertEquals(java.time.Duration.ofSeconds(5), r.authTimeout());
        assertEquals(java.time.Duration.ofSeconds(30), r.drainTimeout());
        assertEquals(5_000, r.maxPending());
        assertEquals(java.time.Duration.ofSeconds(2), r.authDelayMax());
        assertEquals(9443, setup.controlPort());
    }

    @Test
    void acceptsTheRemovedBanKeysWithAWarningInsteadOfAnError() throws Exception {
        // old configurations keep starting, with a warning naming the key that replaced them
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(RegistrySettings.class.getName());
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                if (record.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(java.text.MessageFormat.format(record.getMessage(), record.getParameters()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            RegistrySettings r = ControlPlaneSetup.prepare(config(Map.of("inteli.registry.ban-after", "0",
                                                                         "inteli.registry.ban-for", "forever")))
                    .registry();
            assertEquals(java.time.Duration.ofSeconds(2), r.authDelayMax());
        } finally {
            logger.removeHandler(handler);
        }
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().allMatch(w -> w.contains("inteli.registry.auth-delay-max")), warnings.toString());
        assertTrue(warnings.get(0).startsWith("inteli.registry.ban-"), warnings.toString());
    }

    @Test
    void pingTimeoutFollowsThePingIntervalAndAcceptsIso8601() throws Exception {
        RegistrySettings r = ControlPlaneSetup.prepare(config(Map.of("inteli.registry.ping-interval", "PT2S"))).registry();
        assertEquals(java.time.Duration.ofSeconds(6), r.pingTimeout());
    }

    @Test
    void keepsTheGeneratedCertificateSecretAndTokenAcrossARestart() throws Exception {
        ControlPlaneSetup first = ControlPlaneSetup.prepare(config(Map.of()));
        ControlPlaneSetup second = ControlPlaneSetup.prepare(config(Map.of()));
        assertEquals(first.tls().orElseThrow().fingerprint(), second.tls().orElseThrow().fingerprint());
        assertEquals(first.secrets(), second.secrets());
        assertEquals(first.adminToken(), second.adminToken());
        assertTrue(first.secrets().secrets().getFirst().length() >= 32);
        for (String file : List.of(AgentSecrets.FILE, "admin-token", "control-keystore.p12")) {
            assertEquals(Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                         Files.getPosixFilePermissions(state.resolve(file)), file + " is owner-only");
        }
    }

    @Test
    void usesAConfiguredKeystoreInsteadOfTheSelfSignedOne() throws Exception {
        Path configured = Files.createDirectories(state.resolve("elsewhere")).resolve("configured.p12");
        String fingerprint = TestKeystores.write(configured, "s3cret");
        ControlTls tls = ControlPlaneSetup.prepare(config(Map.of(ControlTls.KEYSTORE.name(), configured.toString(),
                                                                 ControlTls.PASSWORD.name(), "s3cret"))).tls().orElseThrow();
        assertFalse(tls.selfSigned());
        assertEquals(TestKeystores.ALIAS, tls.alias());
        assertEquals(fingerprint, tls.fingerprint());
        assertFalse(Files.exists(state.resolve("control-keystore.p12")), "no self-signed certificate is made");
    }

    @Test
    void refusesAConfiguredKeystoreThatCannotBeRead() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ControlPlaneSetup.prepare(config(Map.of(ControlTls.KEYSTORE.name(), state.resolve("missing.p12").toString()))));
        assertTrue(e.getMessage().startsWith("invalid configuration inteli.control.tls.keystore: "), e.getMessage());
    }

    @Test
    void refusesAGeneratedKeystoreItCannotOpenNamingTheStateDirectory() throws Exception {
        Files.createDirectories(state);
        Files.writeString(state.resolve(ControlTls.GENERATED_FILE), "not a keystore");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ControlPlaneSetup.prepare(config(Map.of())));
        assertTrue(e.getMessage().startsWith("invalid configuration inteli.state-dir: "), e.getMessage());
        assertTrue(e.getMessage().contains("delete it"), e.getMessage());
    }

    private ConfigValues config(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put("inteli.state-dir", state.toString());
        return new ConfigValues(ConfigProviderResolver.instance().getBuilder().addDiscoveredConverters()
                                        .withSources(new MapSource(all)).build());
    }

    private record MapSource(Map<String, String> values) implements ConfigSource {
        @Override
        public Set<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public String getValue(String propertyName) {
            return values.get(propertyName);
        }

        @Override
        public String getName() {
            return "test";
        }

        @Override
        public int getOrdinal() {
            return 1000;
        }
    }
}
