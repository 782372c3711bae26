package io.inteli.proxy.startup;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.control.ControlTls;
import io.inteli.proxy.forwarding.ProxySettings;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The server settings that follow from {@code inteli.*} keys, as a configuration source (registered with the
 * ServiceLoader) rather than system properties: the HTTP/1 parser's limits from {@code inteli.proxy.max-uri-length}
 * and {@code max-header-size}, and the control socket's keystore when {@code inteli.control.tls.keystore} names one
 * (the generated keystore is named by microprofile-config.properties itself).
 *
 * <p>A source is built with the configuration, before any other source can be read; the values are therefore
 * computed when asked for, from the configuration then in force (under the test support, the test's own). The
 * server asks when it is built, after the container's extensions have checked the keys and made the generated
 * keystores. Its ordinal is above the system properties', as the system properties it replaces were set over them.
 */
public final class HelidonSettings implements ConfigSource {
    static final int ORDINAL = 1000;
    static final String MAX_PROLOGUE_LENGTH = "server.protocols.http_1_1.max-prologue-length";
    static final String MAX_HEADERS_SIZE = "server.protocols.http_1_1.max-headers-size";
    private static final String CONTROL_KEYSTORE = "server.sockets.0.tls.private-key.keystore.";
    static final String CONTROL_KEYSTORE_PATH = CONTROL_KEYSTORE + "resource.path";
    static final String CONTROL_KEYSTORE_PASSPHRASE = CONTROL_KEYSTORE + "passphrase";
    static final String CONTROL_KEY_ALIAS = CONTROL_KEYSTORE + "key.alias";
    static final String CONTROL_CHAIN_ALIAS = CONTROL_KEYSTORE + "cert-chain.alias";
    private static final Set<String> NAMES = Set.of(MAX_PROLOGUE_LENGTH, MAX_HEADERS_SIZE, CONTROL_KEYSTORE_PATH,
                                                    CONTROL_KEYSTORE_PASSPHRASE, CONTROL_KEY_ALIAS,
                                                    CONTROL_CHAIN_ALIAS);
    // reading the configuration reads this source too: a lookup from inside a lookup answers nothing
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
        return NAMES.contains(name) ? current().get(name) : null;
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    @Override
    public String getName() {
        return "inteli server settings";
    }

    private static Map<String, String> current() {
        if (COMPUTING.get() != null) {
            return Map.of();
        }
        COMPUTING.set(Boolean.TRUE);
        try {
            return derived(ConfigProvider.getConfig());
        } finally {
            COMPUTING.remove();
        }
    }

    /** The server keys for this configuration; a key with a bad value gives none (start-up stops on it anyway). */
    static Map<String, String> derived(Config mpConfig) {
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
            ControlTls.configuredKeystore(config).ifPresent(tls -> {
                keys.put(CONTROL_KEYSTORE_PATH, tls.keystore().toString());
                keys.put(CONTROL_KEYSTORE_PASSPHRASE, tls.password());
                // Helidon looks for alias "1" unless told otherwise; without a key the handshake fails with
                // "no available authentication scheme"
                keys.put(CONTROL_KEY_ALIAS, tls.alias());
                keys.put(CONTROL_CHAIN_ALIAS, tls.alias());
            });
        } catch (IllegalArgumentException invalid) {
            // an unreadable keystore: the control plane's set-up stops start-up naming the key
        }
        return keys;
    }
}
