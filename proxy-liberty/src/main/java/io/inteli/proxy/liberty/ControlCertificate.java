package io.inteli.proxy.liberty;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;

import io.inteli.protocol.CertificatePin;
import org.eclipse.microprofile.config.Config;

/**
 * The control plane's certificate as agents pin it: the SHA-256 fingerprint of the first key entry's certificate in
 * the keystore that server.xml gives the control endpoint ({@code inteli.control.tls.keystore}, a server.xml
 * variable that MicroProfile Config sees too). Liberty makes that keystore at first start when none is configured,
 * possibly while this application starts: it is waited for a little.
 */
final class ControlCertificate {
    static final String KEYSTORE = "inteli.control.tls.keystore";
    static final String PASSWORD = "inteli.control.tls.keystore-password";
    private static final System.Logger LOG = System.getLogger(ControlCertificate.class.getName());
    private static final long WAIT_MS = 30_000;

    private ControlCertificate() {
    }

    static void log(Config config) {
        Path keystore = Path.of(config.getValue(KEYSTORE, String.class));
        String password = config.getOptionalValue(PASSWORD, String.class).orElse("");
        try {
            long deadline = System.currentTimeMillis() + WAIT_MS;
            while (!Files.isRegularFile(keystore) && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            LOG.log(System.Logger.Level.INFO, "control plane certificate ({0}) SHA-256 fingerprint: {1}", keystore,
                    fingerprint(keystore, password.toCharArray()));
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the control plane keystore " + keystore + ": " + e);
        }
    }

    private static String fingerprint(Path keystore, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return CertificatePin.of(store.getCertificate(alias));
            }
        }
        throw new IllegalStateException("no key entry");
    }
}
