package io.inteli.proxy.startup;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.SharedKeys;
import io.inteli.proxy.controlport.ControlPlaneSetup;
import io.inteli.proxy.controlport.ControlTls;
import io.inteli.proxy.forwarding.ProxySettings;
import io.inteli.proxy.tls.DataPlaneTls;
import io.inteli.proxy.tls.DataPlaneTlsSettings;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The server settings that follow from {@code inteli.*} keys, as configuration sources (registered with the
 * ServiceLoader) rather than system properties or {@code ${...}} references in microprofile-config.properties, which
 * would need the {@code inteli.*} defaults written there a second time.
 *
 * <p>This source, above the system properties (as the system properties it replaces were set over them): the HTTP/1
 * parser's limits from {@code inteli.proxy.max-uri-length} and {@code max-header-size}, and the control socket's
 * keystore when {@code inteli.control.tls.keystore} names one. {@link Defaults}, below microprofile-config.properties
 * (where these keys used to be): the control socket's address and TLS, the generated keystores in the state
 * directory, the data plane's TLS switch; an operator's {@code server.*} value still wins over them.
 *
 * <p>A source is built with the configuration, before any other source can be read; the values are therefore
 * computed when asked for, from the configuration then in force (under the test support, the test's own). The
 * server asks when it is built, after the container's extensions have checked the keys and made the generated
 * keystores.
 */
public class HelidonSettings implements ConfigSource {
    static final int ORDINAL = 1000;
    static final String MAX_PROLOGUE_LENGTH = "server.protocols.http_1_1.max-prologue-length";
    static final String MAX_HEADERS_SIZE = "server.protocols.http_1_1.max-headers-size";
    private static final String CONTROL = "server.sockets.0.";
    static final String CONTROL_PORT = CONTROL + "port";
    static final String CONTROL_HOST = CONTROL + "host";
    static final String CONTROL_TLS_ENABLED = CONTROL + "tls.enabled";
    private static final String CONTROL_KEYSTORE = CONTROL + "tls.private-key.keystore.";
    static final String CONTROL_KEYSTORE_PATH = CONTROL_KEYSTORE + "resource.path";
    static final String CONTROL_KEYSTORE_PASSPHRASE = CONTROL_KEYSTORE + "passphrase";
    static final String CONTROL_KEY_ALIAS = CONTROL_KEYSTORE + "key.alias";
    static final String CONTROL_CHAIN_ALIAS = CONTROL_KEYSTORE + "cert-chain.alias";
    static final String DATA_TLS_ENABLED = "server.tls.enabled";
    private static final String DATA_KEYSTORE = "server.tls.private-key.keystore.";
    static final String DATA_KEYSTORE_PATH = DATA_KEYSTORE + "resource.path";
    // reading the configuration reads these sources too: a lookup from inside a lookup answers nothing
    private static final ThreadLocal<Boolean> COMPUTING = new ThreadLocal<>();

    @Override
    public Set<String> getPropertyNames() {
        return current().keySet();
    }

    @Override
    public Map<String, String> getProperties() {
        return current();
    }

    @Override
    public String getValue(String name) {
        return name.startsWith("server.") ? current().get(name) : null;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "inteli server settings";
    }

    Map<String, String> compute(Config config) {
        return overrides(config);
    }

    private Map<String, String> current() {
        if (COMPUTING.get() != null) {
            return Map.of();
        }
        COMPUTING.set(Boolean.TRUE);
        try {
            return compute(ConfigProvider.getConfig());
        } finally {
            COMPUTING.remove();
        }
    }

    /** The server keys set over everything; a key with a bad value gives none (start-up stops on it anyway). */
    static Map<String, String> overrides(Config mpConfig) {
        ConfigValues config = new ConfigValues(mpConfig);
        Map<String, String> keys = new LinkedHashMap<>();
        try {
            ProxySettings proxy = ProxySettings.from(mpConfig);
            // Helidon's parser answers 414 for a long request line by itself, but 400 for a large header section
            keys.put(MAX_PROLOGUE_LENGTH, Integer.toString(proxy.maxUriLength()));
            keys.put(MAX_HEADERS_SIZE, Integer.toString(proxy.serverHeaderCeiling()));
        } catch (IllegalArgumentException invalid) {
            // reported by the value check with the key's name
        }
        try {
            ControlTls.configuredKeystore(config).ifPresent(tls -> keystore(
                    keys, CONTROL_KEYSTORE, tls.keystore(), tls.password(), tls.alias()));
        } catch (IllegalArgumentException invalid) {
            // an unreadable keystore: the control plane's set-up stops start-up naming the key
        }
        return keys;
    }

    /**
     * The server keys that follow from the {@code inteli.*} values or their declared defaults, below every other
     * source. Values are passed on as written: a bad one is refused by the value check, naming the key.
     */
    static Map<String, String> defaults(Config mpConfig) {
        ConfigValues config = new ConfigValues(mpConfig);
        Path stateDir = SharedKeys.stateDir(config);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(CONTROL_PORT, config.string(ControlPlaneSetup.PORT).orElseThrow());
        keys.put(CONTROL_HOST, config.string(ControlPlaneSetup.HOST).orElseThrow());
        keys.put(CONTROL_TLS_ENABLED, config.string(ControlPlaneSetup.TLS_ENABLED).orElseThrow());
        // Helidon opens a socket's keystore even while its TLS is off: the generated ones always exist
        keystore(keys, CONTROL_KEYSTORE, stateDir.resolve(ControlTls.GENERATED_FILE), ControlTls.GENERATED_PASSWORD,
                 ControlTls.GENERATED_ALIAS);
        keys.put(DATA_TLS_ENABLED, config.string(DataPlaneTlsSettings.ENABLED).orElseThrow());
        // an operator's keystore replaces this one's key material before the socket opens (tls.DataPlaneTlsFeature)
        keystore(keys, DATA_KEYSTORE, stateDir.resolve(DataPlaneTls.GENERATED_FILE), DataPlaneTls.GENERATED_PASSWORD,
                 DataPlaneTls.GENERATED_ALIAS);
        return keys;
    }

    private static void keystore(Map<String, String> keys, String prefix, Path file, String password, String alias) {
        keys.put(prefix + "resource.path", file.toString());
        keys.put(prefix + "passphrase", password);
        // Helidon looks for alias "1" unless told otherwise; without a key the handshake fails with
        // "no available authentication scheme"
        keys.put(prefix + "key.alias", alias);
        keys.put(prefix + "cert-chain.alias", alias);
    }

    /** The server keys that follow from the {@code inteli.*} ones, below microprofile-config.properties. */
    public static final class Defaults extends HelidonSettings {
        static final int ORDINAL = 50;

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }

        @Override
        public String getName() {
            return "inteli server defaults";
        }

        @Override
        Map<String, String> compute(Config config) {
            return defaults(config);
        }
    }
}
