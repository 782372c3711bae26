package io.inteli.proxy.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.inteli.proxy.config.ConfigValues;
import org.eclipse.microprofile.config.Config;

/**
 * The data plane's HTTPS keys ({@code inteli.proxy.tls.*}), parsed and checked once at start-up.
 *
 * @param keystore      the operator's PKCS#12 keystore; empty: a self-signed certificate in the state directory
 * @param checkInterval how often the keystore file is looked at for a replacement
 */
public record DataPlaneTlsSettings(boolean enabled, Optional<Path> keystore, String password, Path stateDir,
                                   Duration checkInterval) {
    public static final String PREFIX = "inteli.proxy.tls.";
    public static final String ENABLED = PREFIX + "enabled";
    public static final String KEYSTORE = PREFIX + "keystore";
    public static final String PASSWORD = PREFIX + "keystore-password";
    public static final String CHECK_INTERVAL = PREFIX + "check-interval";

    public static DataPlaneTlsSettings from(Config config) {
        ConfigValues read = new ConfigValues(config);
        return new DataPlaneTlsSettings(read.bool(ENABLED, false), read.string(KEYSTORE).map(Path::of),
                                        read.string(PASSWORD).orElse(""),
                                        Path.of(read.string("inteli.state-dir")
                                                        .orElse(System.getProperty("user.home") + "/.inteli")),
                                        read.positiveDuration(CHECK_INTERVAL, Duration.ofSeconds(5)));
    }
}
