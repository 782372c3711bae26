package io.inteli.proxy.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Optional;

import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.config.SharedKeys;

/**
 * Where the data plane's certificate comes from: the operator's keystore ({@code inteli.proxy.tls.keystore}) or the
 * self-signed one the proxy keeps in its state directory.
 *
 * @param source   the file whose replacement is picked up without a restart
 * @param material what the socket serves now
 */
public record DataPlaneTls(Path source, char[] password, KeyMaterial material, boolean selfSigned) {
    /*
     * The generated keystore is named, protected and aliased as microprofile-config.properties expects, so that the
     * socket's TLS is static configuration (${inteli.state-dir}/data-plane-keystore.p12): under Helidon's test
     * support, system properties set by an extension come too late for the server. An operator's keystore (any
     * alias, any password) is then put in place programmatically before the socket opens (DataPlaneTlsFeature).
     * Helidon opens the statically configured keystore even when the socket's TLS is off, so it always exists.
     */
    public static final String GENERATED_FILE = "data-plane-keystore.p12";
    public static final String GENERATED_PASSWORD = "inteli-data-plane-keystore";
    public static final String GENERATED_ALIAS = "inteli-data-plane";
    private static final String COMMON_NAME = "inteli-reverse-proxy data plane";

    /** Empty when HTTPS is off; the generated keystore exists afterwards either way. */
    public static Optional<DataPlaneTls> prepare(DataPlaneTlsSettings settings) {
        Path generated = generated(settings.stateDir());
        if (!settings.enabled()) {
            return Optional.empty();
        }
        if (settings.keystore().isEmpty()) {
            return Optional.of(new DataPlaneTls(generated, GENERATED_PASSWORD.toCharArray(),
                                                read(generated, GENERATED_PASSWORD.toCharArray(), SharedKeys.STATE_DIR.name()),
                                                true));
        }
        Path configured = settings.keystore().get().toAbsolutePath();
        char[] password = settings.password().toCharArray();
        return Optional.of(new DataPlaneTls(configured, password,
                                            read(configured, password, DataPlaneTlsSettings.KEYSTORE.name()), false));
    }

    private static Path generated(Path stateDir) {
        Path dir = stateDir.toAbsolutePath();
        Path file = dir.resolve(GENERATED_FILE);
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                try {
                    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: its default permissions apply
                }
            }
            SelfSignedCertificate.loadOrCreate(file, GENERATED_PASSWORD.toCharArray(), GENERATED_ALIAS, COMMON_NAME);
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigurationException(SharedKeys.STATE_DIR.name(), file + " is not a keystore this proxy made ("
                    + e.getMessage() + "); delete it to make a new data-plane certificate", e);
        }
    }

    private static KeyMaterial read(Path file, char[] password, String key) {
        try {
            return KeyMaterial.read(file, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigurationException(key, "cannot use PKCS#12 keystore " + file + " with the password of "
                    + DataPlaneTlsSettings.PASSWORD + ": " + e.getMessage(), e);
        }
    }
}
