package io.inteli.proxy.http2;

import io.helidon.common.Weight;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.http2.Http2Config;
import io.helidon.webserver.spi.ServerConnection;

/**
 * Declines the HTTP/1.1 {@code Upgrade: h2c} mechanism on every socket that speaks HTTP/2: the request is answered
 * as HTTP/1.1 and its {@code Upgrade} header, hop-by-hop, is not forwarded. HTTP/2 stays available by prior
 * knowledge (h2c) and by ALPN (h2). RFC 9113 (section 3.1) deprecated the upgrade, nginx never offered it, and
 * Helidon 4.2.6's upgrader fails a request that names h2c without a valid {@code HTTP2-Settings} header instead of
 * ignoring the upgrade (RFC 9110 7.8), which turned such requests into empty answers. Helidon keeps one upgrader per
 * protocol, the heaviest ({@code Http1ConnectionProvider}): this one outweighs {@code Http2UpgradeProvider}.
 */
@Weight(200)
public class H2cUpgradeDeclined implements Http1UpgradeProvider<Http2Config> {

    /** For {@link java.util.ServiceLoader}. */
    public H2cUpgradeDeclined() {
    }

    @Override
    public String protocolType() {
        return "http_2";
    }

    @Override
    public Class<Http2Config> protocolConfigType() {
        return Http2Config.class;
    }

    @Override
    public Http1Upgrader create(Http2Config config, ProtocolConfigs configs) {
        return new Http1Upgrader() {
            @Override
            public String supportedProtocol() {
                return "h2c";
            }

            @Override
            public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
                // null: not upgraded, the request goes on as HTTP/1.1
                return null;
            }
        };
    }
}
