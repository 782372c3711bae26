package io.inteli.proxy.controlport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Optional;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.config.SharedKeys;
import io.inteli.proxy.config.StateDirectory;
import io.inteli.proxy.tls.SelfSignedCertificate;

/**
 * The control socket's keystore: {@code inteli.control.tls.keystore} (PKCS#12) when configured, else the
 * self-signed one kept in the state directory.
 *
 * @param fingerprint what agents pin: SHA-256 of the DER certificate, colon-separated upper-case hex
 */
public record ControlTls(Path keystore, String password, String alias, String fingerprint, boolean selfSigned) {
    /** Default: the self-signed keystore in the state directory. */
    public static final Key KEYSTORE = Key.withoutDefault("inteli.control.tls.keystore");
    public static final Key PASSWORD = Key.of("inteli.control.tls.keystore-password", "");
    /*
     * The generated keystore has a fixed name, password and alias, so that the server's configuration can name it
     * before it exists (startup.HelidonSettings): it is made before the server is built. The password guards nothing
     * the owner-only file permissions do not: a random one would have to sit in the same directory.
     */
    public static final String GENERATED_FILE = "control-keystore.p12";
    public static final String GENERATED_PASSWORD = "inteli-control-keystore";
    public static final String GENERATED_ALIAS = "inteli-control";

    /** Empty when {@code inteli.control.tls.enabled=false} (tests and TLS-terminating set-ups only). */
    static Optional<ControlTls> from(ConfigValues config, StateDirectory state)
            throws IOException, GeneralSecurityException {
        Optional<String> configured = config.string(KEYSTORE.name());
        if (!config.bool(ControlPlaneSetup.TLS_ENABLED)) {
            // Helidon opens the statically configured keystore even for a socket whose TLS is disabled
            generated(state);
            return Optional.empty();
        }
        if (configured.isPresent()) {
            return Optional.of(configured(Path.of(configured.get()), config.string(PASSWORD).orElseThrow()));
        }
        Path file = state.resolve(GENERATED_FILE);
        KeyStore keyStore = generated(state);
        return Optional.of(new ControlTls(file, GENERATED_PASSWORD, GENERATED_ALIAS,
                SelfSignedCertificate.fingerprint(keyStore.getCertificate(GENERATED_ALIAS)), true));
    }

    /**
     * The operator's keystore when the control socket serves it: empty when TLS is off or the certificate is the
     * generated one (which microprofile-config.properties names). Read without writing anything, so that the
     * server's configuration can be computed from it ({@code startup.HelidonSettings}).
     *
     * @throws InvalidConfigurationException when the keystore cannot be read or holds no key
     */
    public static Optional<ControlTls> configuredKeystore(ConfigValues config) {
        if (!config.bool(ControlPlaneSetup.TLS_ENABLED)) {
            return Optional.empty();
        }
        return config.string(KEYSTORE.name())
                .map(file -> configured(Path.of(file), config.string(PASSWORD).orElseThrow()));
    }

    private static KeyStore generated(StateDirectory state) throws GeneralSecurityException {
        Path file = state.resolve(GENERATED_FILE);
        try {
            return SelfSignedCertificate.loadOrCreate(file, GENERATED_PASSWORD.toCharArray(), GENERATED_ALIAS,
                                                     "inteli-reverse-proxy control plane");
        } catch (IOException e) {
            throw new InvalidConfigurationException(SharedKeys.STATE_DIR.name(), file + " is not a keystore this proxy made ("
                    + e.getMessage() + "); delete it to make a new certificate (agents then pin its new fingerprint)",
                    e);
        }
    }

    private static ControlTls configured(Path file, String password) {
        KeyStore keyStore;
        try (InputStream in = Files.newInputStream(file)) {
            keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidConfigurationException(KEYSTORE.name(), "cannot read PKCS#12 keystore "
                    + file.toAbsolutePath() + " with the password of " + PASSWORD + " (" + e.getMessage() + ")", e);
        }
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) != null) {
                    return new ControlTls(file.toAbsolutePath(), password, alias,
                                          SelfSignedCertificate.fingerprint(keyStore.getCertificate(alias)), false);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidConfigurationException(KEYSTORE.name(), "cannot read " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
        throw new InvalidConfigurationException(KEYSTORE.name(), file.toAbsolutePath()
                + " holds no private key with a certificate");
    }
}
