package io.inteli.proxy.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.config.SharedKeys;
import org.eclipse.microprofile.config.Config;

/**
 * The data plane's HTTPS keys ({@code inteli.proxy.tls.*}), parsed and checked once at start-up.
 *
 * @param keystore      the operator's PKCS#12 keystore; empty: a self-signed certificate in the state directory
 * @param checkInterval how often the keystore file is looked at for a replacement
 */
public record DataPlaneTlsSettings(boolean enabled, Optional<Path> keystore, String password, Path stateDir,
                                   Duration checkInterval) {
    public static final Key ENABLED = Key.of("inteli.proxy.tls.enabled", "false");
    /** Default: a self-signed certificate generated into the state directory. */
    public static final Key KEYSTORE = Key.withoutDefault("inteli.proxy.tls.keystore");
    public static final Key PASSWORD = Key.of("inteli.proxy.tls.keystore-password", "");
    static final Key CHECK_INTERVAL = Key.of("inteli.proxy.tls.check-interval", "5s");
    public static final List<Key> KEYS = List.of(ENABLED, KEYSTORE, PASSWORD, CHECK_INTERVAL);

    public static DataPlaneTlsSettings from(Config config) {
        ConfigValues read = new ConfigValues(config);
        return new DataPlaneTlsSettings(read.bool(ENABLED), read.string(KEYSTORE).map(Path::of),
                                        read.string(PASSWORD).orElseThrow(), SharedKeys.stateDir(read),
                                        read.positiveDuration(CHECK_INTERVAL));
    }
}
