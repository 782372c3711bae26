package io.inteli.proxy.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.inteli.testsupport.TestConfig;
import io.inteli.proxy.tls.SelfSignedCertificate;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server keys computed from the inteli.* ones, in place of the system properties set at start-up before. */
class HelidonSettingsTest {

    @Test
    void theParserLimitsFollowTheProxysLimits() {
        Map<String, String> keys = HelidonSettings.overrides(TestConfig.of(Map.of(
                "inteli.proxy.max-uri-length", "2048", "inteli.proxy.max-header-size", "32768")));
        assertEquals("2048", keys.get(HelidonSettings.MAX_PROLOGUE_LENGTH));
        assertEquals("131072", keys.get(HelidonSettings.MAX_HEADERS_SIZE), "four times the limit");
        Map<String, String> defaults = HelidonSettings.overrides(TestConfig.of(Map.of()));
        assertEquals("8192", defaults.get(HelidonSettings.MAX_PROLOGUE_LENGTH));
        assertEquals("65536", defaults.get(HelidonSettings.MAX_HEADERS_SIZE), "at least 64 KiB");
    }

    @Test
    void aBadLimitGivesNoServerKeyAndNoFailureHere() {
        Map<String, String> keys = HelidonSettings.overrides(TestConfig.of(Map.of("inteli.proxy.max-uri-length", "x")));
        assertFalse(keys.containsKey(HelidonSettings.MAX_PROLOGUE_LENGTH), keys.toString());
    }

    @Test
    void aConfiguredControlKeystoreIsServedWithItsOwnAlias(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("operator.p12");
        SelfSignedCertificate.loadOrCreate(keystore, "s3cret".toCharArray(), "operator-alias", "test");
        Map<String, String> keys = HelidonSettings.overrides(TestConfig.of(Map.of(
                "inteli.control.tls.keystore", keystore.toString(), "inteli.control.tls.keystore-password", "s3cret")));
        assertEquals(keystore.toAbsolutePath().toString(), keys.get(HelidonSettings.CONTROL_KEYSTORE_PATH));
        assertEquals("s3cret", keys.get(HelidonSettings.CONTROL_KEYSTORE_PASSPHRASE));
        assertEquals("operator-alias", keys.get(HelidonSettings.CONTROL_KEY_ALIAS));
        assertEquals("operator-alias", keys.get(HelidonSettings.CONTROL_CHAIN_ALIAS));
    }

    @Test
    void theGeneratedControlKeystoreAndTlsOffLeaveTheStaticConfiguration(@TempDir Path dir) throws Exception {
        assertNull(HelidonSettings.overrides(TestConfig.of(Map.of())).get(HelidonSettings.CONTROL_KEYSTORE_PATH));
        Path keystore = dir.resolve("operator.p12");
        SelfSignedCertificate.loadOrCreate(keystore, "s3cret".toCharArray(), "operator-alias", "test");
        assertNull(HelidonSettings.overrides(TestConfig.of(Map.of(
                "inteli.control.tls.enabled", "false", "inteli.control.tls.keystore", keystore.toString(),
                "inteli.control.tls.keystore-password", "s3cret"))).get(HelidonSettings.CONTROL_KEYSTORE_PATH));
        Files.writeString(dir.resolve("garbage.p12"), "not a keystore");
        assertNull(HelidonSettings.overrides(TestConfig.of(Map.of(
                "inteli.control.tls.keystore", dir.resolve("garbage.p12").toString())))
                           .get(HelidonSettings.CONTROL_KEYSTORE_PATH), "start-up reports it, naming the key");
    }

    @Test
    void theControlSocketAndTheGeneratedKeystoresFollowTheKeysOrTheirDeclaredDefaults() {
        Map<String, String> defaults = HelidonSettings.defaults(TestConfig.of(Map.of("inteli.state-dir", "/srv/state")));
        assertEquals("9443", defaults.get(HelidonSettings.CONTROL_PORT));
        assertEquals("0.0.0.0", defaults.get(HelidonSettings.CONTROL_HOST));
        assertEquals("true", defaults.get(HelidonSettings.CONTROL_TLS_ENABLED));
        assertEquals("/srv/state/control-keystore.p12", defaults.get(HelidonSettings.CONTROL_KEYSTORE_PATH));
        assertEquals("inteli-control", defaults.get(HelidonSettings.CONTROL_KEY_ALIAS));
        assertEquals("false", defaults.get(HelidonSettings.DATA_TLS_ENABLED));
        assertEquals("/srv/state/data-plane-keystore.p12", defaults.get(HelidonSettings.DATA_KEYSTORE_PATH));
        Map<String, String> set = HelidonSettings.defaults(TestConfig.of(Map.of(
                "inteli.control.port", "0", "inteli.control.host", "127.0.0.1", "inteli.control.tls.enabled", "false",
                "inteli.proxy.tls.enabled", "true")));
        assertEquals("0", set.get(HelidonSettings.CONTROL_PORT));
        assertEquals("127.0.0.1", set.get(HelidonSettings.CONTROL_HOST));
        assertEquals("false", set.get(HelidonSettings.CONTROL_TLS_ENABLED));
        assertEquals("true", set.get(HelidonSettings.DATA_TLS_ENABLED));
        assertEquals(Path.of(System.getProperty("user.home"), ".inteli", "control-keystore.p12").toString(),
                     set.get(HelidonSettings.CONTROL_KEYSTORE_PATH), "the state directory's default");
    }

    @Test
    void anOperatorsServerKeyWinsOverTheDefaultsButNotOverTheOverrides() {
        assertTrue(HelidonSettings.Defaults.ORDINAL < 100, "below microprofile-config.properties");
        assertTrue(HelidonSettings.ORDINAL > 400, "above the system properties");
    }

    @Test
    void isADiscoveredSourceAboveTheSystemProperties() {
        String key = HelidonSettings.MAX_PROLOGUE_LENGTH;
        System.setProperty(key, "1");
        try {
            Config config = ConfigProvider.getConfig();
            assertEquals(HelidonSettings.overrides(config).get(key), config.getValue(key, String.class));
            assertEquals(HelidonSettings.defaults(config).get(HelidonSettings.CONTROL_PORT),
                         config.getValue(HelidonSettings.CONTROL_PORT, String.class));
        } finally {
            System.clearProperty(key);
        }
    }
}
