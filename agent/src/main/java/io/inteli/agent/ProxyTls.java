package io.inteli.agent;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import jakarta.websocket.WebSocketContainer;

/**
 * The TLS context the agent gives the WebSocket client (Jakarta WebSocket 2.1 {@code sslContext}): trusts the pinned
 * certificate, or the configured truststore, or else the JVM's default CAs. It never trusts everything.
 */
final class ProxyTls {
    private static final Logger LOG = Logger.getLogger(ProxyTls.class.getName());
    /**
     * Tyrus 2.1.5's JDK client (Helidon's) reads {@code ClientEndpointConfig.getSSLContext()} only when its
     * container property {@code org.glassfish.tyrus.client.sslEngineConfigurator} holds an object of a type it does
     * not know; otherwise it ignores the standard SSL context and trusts the JVM's default CAs only.
     */
    private static final String TYRUS_CONTAINER = "org.glassfish.tyrus.";
    private static final String TYRUS_SSL_ENGINE_CONFIGURATOR = "org.glassfish.tyrus.client.sslEngineConfigurator";

    private ProxyTls() {
    }

    /**
     * Makes a Tyrus container honour the standard {@code sslContext}, found by reflection so that no Tyrus class is
     * needed at compile time; other containers are left alone.
     */
    @SuppressWarnings("unchecked")
    static void honourSslContext(WebSocketContainer container, SSLContext context) {
        if (!container.getClass().getName().startsWith(TYRUS_CONTAINER)) {
            return;
        }
        try {
            Object properties = container.getClass().getMethod("getProperties").invoke(container);
            if (properties instanceof Map<?, ?> map) {
                ((Map<String, Object>) map).put(TYRUS_SSL_ENGINE_CONFIGURATOR, context);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot give the Tyrus WebSocket client its TLS settings", e);
        }
    }

    static SSLContext context(AgentSettings settings) {
        try {
            TrustManager[] trust;
            if (!settings.pins().isEmpty()) {
                trust = new TrustManager[] {new PinnedTrustManager(settings.pins())};
            } else if (settings.truststore().isPresent()) {
                trust = fromTruststore(settings.truststore().get(), settings.truststorePassword().orElse(""));
            } else {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException(!settings.pins().isEmpty() ? AgentSettings.PIN : AgentSettings.TRUSTSTORE,
                    "cannot build the TLS context: " + e.getMessage());
        }
    }

    /**
     * For the proxies at the addresses of {@code host} ({@code dns+wss://}): pins as for any proxy (the pin is the
     * identity); otherwise the truststore's (or the JVM's) CAs and a certificate naming {@code host}, not the
     * address connected to. Engines announce {@code host} by SNI.
     */
    static SSLContext context(AgentSettings settings, String host) {
        if (!settings.pins().isEmpty()) {
            return ServerNameContext.of(context(settings), host);
        }
        try {
            TrustManager[] trust;
            if (settings.truststore().isPresent()) {
                trust = fromTruststore(settings.truststore().get(), settings.truststorePassword().orElse(""));
            } else {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(
                        TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                trust = factory.getTrustManagers();
            }
            X509ExtendedTrustManager chain = null;
            for (TrustManager manager : trust) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    chain = x509;
                }
            }
            if (chain == null) {
                throw new GeneralSecurityException("no X.509 trust manager");
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new NamedHostTrustManager(chain, host)}, null);
            return ServerNameContext.of(context, host);
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSettingException(AgentSettings.TRUSTSTORE, "cannot build the TLS context: "
                    + e.getMessage());
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
