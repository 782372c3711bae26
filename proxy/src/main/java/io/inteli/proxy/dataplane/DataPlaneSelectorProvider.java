package io.inteli.proxy.dataplane;

import java.util.Set;

import io.helidon.common.Weight;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.helidon.webserver.spi.ServerConnectionSelectorProvider;

/**
 * Puts the data plane's connection handler in front of Helidon's own HTTP/1.1 selector on the default listener
 * (found by ServiceLoader; its weight sorts it first). Helidon MP gives no way to add a selector object to a
 * listener's configuration, but it creates one selector per discovered provider for each {@code http_1_1}
 * protocol configuration of a listener: this provider answers for the default listener and declines every other
 * one, so the control socket stays Helidon's. The handler takes bytes that start an HTTP/1.x request; anything else
 * (the HTTP/2 preface {@code PRI * HTTP/2.0}) goes on to Helidon's selectors, which follow.
 */
@Weight(200)
public class DataPlaneSelectorProvider implements ServerConnectionSelectorProvider<Http1Config> {
    private static volatile ClientConnections installed;

    /** Called by the CDI side before the server starts; null to remove. */
    static void install(ClientConnections connections) {
        installed = connections;
    }

    @Override
    public Class<Http1Config> protocolConfigType() {
        return Http1Config.class;
    }

    @Override
    public String protocolType() {
        return "http_1_1";
    }

    @Override
    public ServerConnectionSelector create(String listenerName, Http1Config config, ProtocolConfigs configs) {
        if (!WebServer.DEFAULT_SOCKET_NAME.equals(listenerName)) {
            return Declining.INSTANCE;
        }
        ClientConnections connections = installed;
        if (connections != null) {
            return new Selector(connections);
        }
        return Declining.INSTANCE;
    }

    private static final class Selector implements ServerConnectionSelector {
        /** RFC 9113 3.4: what an HTTP/2 client with prior knowledge sends first. */
        private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private final ClientConnections connections;

        Selector(ClientConnections connections) {
            this.connections = connections;
        }

        @Override
        public int bytesToIdentifyConnection() {
            return 0;
        }

        @Override
        public Support supports(BufferData data) {
            // everything but the HTTP/2 preface is ours: bytes that are no request get a 400 from the strict codec
            int n = Math.min(data.available(), PREFACE.length);
            for (int i = 0; i < n; i++) {
                if (data.get(i) != PREFACE[i]) {
                    return Support.SUPPORTED;
                }
            }
            return n == PREFACE.length ? Support.UNSUPPORTED : Support.UNKNOWN;
        }

        @Override
        public Set<String> supportedApplicationProtocols() {
            // with TLS, ALPN "http/1.1" comes here and "h2" to Helidon's HTTP/2 selector
            return Set.of("http/1.1");
        }

        @Override
        public ServerConnection connection(ConnectionContext ctx) {
            return new ClientConnection(connections, ctx);
        }
    }

    private static final class Declining implements ServerConnectionSelector {
        static final Declining INSTANCE = new Declining();

        @Override
        public int bytesToIdentifyConnection() {
            return 0;
        }

        @Override
        public Support supports(BufferData data) {
            return Support.UNSUPPORTED;
        }

        @Override
        public Set<String> supportedApplicationProtocols() {
            return Set.of();
        }

        @Override
        public ServerConnection connection(ConnectionContext ctx) {
            throw new IllegalStateException("never selected");
        }
    }
}
