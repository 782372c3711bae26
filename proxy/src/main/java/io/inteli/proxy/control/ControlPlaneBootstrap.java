package io.inteli.proxy.control;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives the control-plane socket its TLS before the web server starts: the configured keystore, or else the
 * self-signed one in the state directory. Helidon reads socket TLS from config only, and its system-properties
 * config source is read live, so setting them here, before bean discovery, is early enough.
 */
public class ControlPlaneBootstrap implements Extension {
    private static final System.Logger LOG = System.getLogger(ControlPlaneBootstrap.class.getName());
    private static final String SOCKET = "server.sockets.0.";

    void beforeDiscovery(@Observes BeforeBeanDiscovery event) throws Exception {
        Config config = ConfigProvider.getConfig();
        boolean tls = config.getOptionalValue("inteli.control.tls.enabled", Boolean.class).orElse(true);
        if (!tls) {
            return;
        }
        StateDirectory state = new StateDirectory(Path.of(config.getOptionalValue("inteli.state-dir", String.class)
                .orElse(System.getProperty("user.home") + "/.inteli")));
        String password = state.readOrGenerate("control-keystore.password");
        Path file = state.resolve("control-keystore.p12");
        KeyStore keyStore = SelfSignedCertificate.loadOrCreate(file, password.toCharArray());
        Certificate certificate = keyStore.getCertificate(SelfSignedCertificate.ALIAS);
        System.setProperty(SOCKET + "tls.private-key.keystore.resource.path", file.toString());
        System.setProperty(SOCKET + "tls.private-key.keystore.passphrase", password);
        // Helidon looks for alias "1" unless told otherwise; without a key the handshake fails with
        // "no available authentication scheme".
        System.setProperty(SOCKET + "tls.private-key.keystore.key.alias", SelfSignedCertificate.ALIAS);
        System.setProperty(SOCKET + "tls.private-key.keystore.cert-chain.alias", SelfSignedCertificate.ALIAS);
        LOG.log(System.Logger.Level.INFO, "control plane certificate SHA-256 fingerprint: {0}",
                SelfSignedCertificate.fingerprint(certificate));
    }
}
