package io.inteli.proxy.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.testsupport.TestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code inteli.proxy.tls.*} keys: defaults, what is generated, and every value that stops start-up. */
class DataPlaneTlsSettingsTest {
    @TempDir
    Path dir;

    private Optional<DataPlaneTls> prepare(String... keysAndValues) {
        Map<String, String> values = new HashMap<>();
        values.put("inteli.state-dir", dir.resolve("state").toString());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return DataPlaneTls.prepare(DataPlaneTlsSettings.from(TestConfig.of(values)));
    }

    @Test
    void httpsIsOffByDefaultButTheGeneratedKeystoreHelidonOpensExists() {
        DataPlaneTlsSettings settings = DataPlaneTlsSettings.from(TestConfig.of(Map.of()));
        assertFalse(settings.enabled());
        assertEquals(Optional.empty(), settings.keystore());
        assertEquals(Duration.ofSeconds(5), settings.checkInterval());

        assertEquals(Optional.empty(), prepare());
        assertTrue(Files.isRegularFile(dir.resolve("state").resolve(DataPlaneTls.GENERATED_FILE)));
    }

    @Test
    void withoutAKeystoreASelfSignedCertificateIsGeneratedOnceAndKeptAcrossRestarts() throws Exception {
        DataPlaneTls first = prepare("inteli.proxy.tls.enabled", "true").orElseThrow();
        assertTrue(first.selfSigned());
        Path file = dir.resolve("state").resolve(DataPlaneTls.GENERATED_FILE);
        assertEquals(file.toAbsolutePath(), first.source().toAbsolutePath());
        KeyStore stored = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            stored.load(in, DataPlaneTls.GENERATED_PASSWORD.toCharArray());
        }
        assertEquals(SelfSignedCertificate.fingerprint(stored.getCertificate(DataPlaneTls.GENERATED_ALIAS)),
                     first.material().fingerprint());
        assertEquals(first.material().fingerprint(),
                     prepare("inteli.proxy.tls.enabled", "true").orElseThrow().material().fingerprint());
    }

    @Test
    void anOperatorsKeystoreIsUsedWithWhateverAliasItHas() throws Exception {
        Path keystore = dir.resolve("site.p12");
        String fingerprint = TlsTestSupport.writeKeystore(keystore, "www.example.com", "pw1");
        DataPlaneTls tls = prepare("inteli.proxy.tls.enabled", "true", "inteli.proxy.tls.keystore", keystore.toString(),
                                   "inteli.proxy.tls.keystore-password", "pw1").orElseThrow();
        assertFalse(tls.selfSigned());
        assertEquals("www.example.com", tls.material().alias());
        assertEquals(fingerprint, tls.material().fingerprint());
    }

    @ParameterizedTest
    @CsvSource({
            "inteli.proxy.tls.enabled, yes",
            "inteli.proxy.tls.check-interval, 0s",
            "inteli.proxy.tls.check-interval, often",
    })
    void invalidValuesStopStartUpNamingTheKey(String key, String value) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                                                       () -> prepare("inteli.proxy.tls.enabled", "true", key, value));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void aMissingKeystoreStopsStartUp() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> prepare(
                "inteli.proxy.tls.enabled", "true", "inteli.proxy.tls.keystore", dir.resolve("none.p12").toString()));
        assertTrue(e.getMessage().contains("inteli.proxy.tls.keystore"), e.getMessage());
    }

    @Test
    void aWrongPasswordStopsStartUp() throws Exception {
        Path keystore = dir.resolve("site.p12");
        TlsTestSupport.writeKeystore(keystore, "site", "right");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> prepare(
                "inteli.proxy.tls.enabled", "true", "inteli.proxy.tls.keystore", keystore.toString(),
                "inteli.proxy.tls.keystore-password", "wrong"));
        assertTrue(e.getMessage().contains("inteli.proxy.tls.keystore"), e.getMessage());
    }

    @Test
    void aKeystoreWithoutAPrivateKeyStopsStartUp() throws Exception {
        Path withKey = dir.resolve("with-key.p12");
        TlsTestSupport.writeKeystore(withKey, "site", "pw");
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(withKey)) {
            source.load(in, "pw".toCharArray());
        }
        KeyStore certificateOnly = KeyStore.getInstance("PKCS12");
        certificateOnly.load(null, null);
        certificateOnly.setCertificateEntry("site", source.getCertificate("site"));
        Path keystore = dir.resolve("certificate-only.p12");
        try (var out = Files.newOutputStream(keystore)) {
            certificateOnly.store(out, "pw".toCharArray());
        }
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> prepare(
                "inteli.proxy.tls.enabled", "true", "inteli.proxy.tls.keystore", keystore.toString(),
                "inteli.proxy.tls.keystore-password", "pw"));
        assertTrue(e.getMessage().contains("no private key"), e.getMessage());
    }

    @Test
    void aGeneratedKeystoreThatIsNotOneStopsStartUpNamingTheStateDirectory() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Files.writeString(state.resolve(DataPlaneTls.GENERATED_FILE), "not a keystore");
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, () -> prepare());
        assertTrue(e.getMessage().contains("inteli.state-dir"), e.getMessage());
    }
}
