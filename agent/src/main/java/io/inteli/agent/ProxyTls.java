package io.inteli.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context the agent gives the WebSocket client (Jakarta WebSocket 2.1 {@code sslContext}): trusts the pinned
 * certificate, or the configured truststore, or else the JVM's default CAs. It never trusts everything.
 */
final class ProxyTls {
    private ProxyTls() {
    }

    static SSLContext context(AgentSettings settings) {
        try {
            TrustManager[] trust;
            if (settings.pin().isPresent()) {
                trust = new TrustManager[] {new PinnedTrustManager(settings.pin().get())};
            } else if (settings.truststore().isPresent()) {
                trust = fromTruststore(settings.truststore().get(), settings.truststorePassword().orElse(""));
            } else {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException(settings.pin().isPresent() ? AgentSettings.PIN : AgentSettings.TRUSTSTORE,
                    "cannot build the TLS context: " + e.getMessage());
        }
    }

    private static TrustManager[] fromTruststore(Path file, String password) throws IOException,
            GeneralSecurityException {
        // KeyStore.getInstance(File, ...) recognises PKCS#12 and JKS by their content.
        KeyStore store = KeyStore.getInstance(file.toFile(), password.toCharArray());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }
}
