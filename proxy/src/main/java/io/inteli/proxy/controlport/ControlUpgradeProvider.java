package io.inteli.proxy.controlport;

import io.helidon.common.Weight;
import io.helidon.common.Weighted;
import io.helidon.microprofile.tyrus.TyrusUpgradeProvider;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.websocket.WsConfig;

/**
 * Helidon keeps one "websocket" upgrader per server, the one of the heaviest provider: this one (found by the
 * {@link java.util.ServiceLoader}) wraps Tyrus's in a {@link ControlUpgrader}.
 */
@Weight(Weighted.DEFAULT_WEIGHT + 200)
public class ControlUpgradeProvider implements Http1UpgradeProvider<WsConfig> {
    @SuppressWarnings("deprecation")
    private final TyrusUpgradeProvider tyrus = new TyrusUpgradeProvider();

    @Override
    public String protocolType() {
        return tyrus.protocolType();
    }

    @Override
    public Class<WsConfig> protocolConfigType() {
        return tyrus.protocolConfigType();
    }

    @Override
    public Http1Upgrader create(WsConfig config, ProtocolConfigs configs) {
        return new ControlUpgrader(tyrus.create(config, configs));
    }
}
