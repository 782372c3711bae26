package io.inteli.proxy.tls;

import java.lang.System.Logger.Level;
import java.time.Duration;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.spi.ServerFeature;

/**
 * Puts the data plane's key material into the default socket's TLS and replaces it when the keystore file changes.
 * {@code WebServer.reloadTls(socket, tls)} does nothing but {@code socketTls.reload(tls)} after checking that TLS is
 * on; Helidon MP keeps its {@code WebServer} to itself, so the socket's own {@link Tls} (the one object the listener
 * serves with, taken from the server configuration as the server is built) is reloaded here the same way. A reload
 * swaps the key manager under the socket's SSL context: handshakes from then on present the new certificate,
 * connections already open keep theirs.
 */
public final class DataPlaneTlsFeature implements ServerFeature {
    private static final System.Logger LOG = System.getLogger(DataPlaneTlsFeature.class.getName());

    private final DataPlaneTls tls;
    private final Duration checkInterval;
    private volatile KeystoreWatcher watcher;

    public DataPlaneTlsFeature(DataPlaneTls tls, Duration checkInterval) {
        this.tls = tls;
        this.checkInterval = checkInterval;
    }

    @Override
    public void setup(ServerFeatureContext featureContext) {
        Tls socketTls = featureContext.serverConfig().tls()
                .filter(Tls::enabled)
                .orElseThrow(() -> new IllegalStateException("inteli.proxy.tls.enabled=true but the data-plane socket "
                        + "has no TLS: server.tls.enabled must stay ${inteli.proxy.tls.enabled}"));
        // the static configuration names the generated keystore; an operator's one replaces it before the socket opens
        reload(socketTls, tls.material());
        KeystoreWatcher w = new KeystoreWatcher(tls.source(), tls.password(), m -> reload(socketTls, m));
        w.start(checkInterval);
        watcher = w;
        LOG.log(Level.INFO, "data plane HTTPS: certificate ({0}) SHA-256 fingerprint: {1}; the file is checked for "
                + "a replacement every {2}", (tls.selfSigned() ? "self-signed, " : "configured, ") + tls.source(),
                tls.material().fingerprint(), checkInterval.toMillis() + " ms");
    }

    private static void reload(Tls socketTls, KeyMaterial material) {
        socketTls.reload(Tls.builder()
                                 .privateKey(material.privateKey())
                                 .privateKeyCertChain(material.chain())
                                 .build());
    }

    public void stop() {
        KeystoreWatcher w = watcher;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public String name() {
        return "inteli-data-plane-tls";
    }

    @Override
    public String type() {
        return "inteli-data-plane-tls";
    }
}
