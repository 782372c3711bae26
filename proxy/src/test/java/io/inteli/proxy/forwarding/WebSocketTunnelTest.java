package io.inteli.proxy.forwarding;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

/** WebSocket pass-through on the native front door. */
@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "native")
class WebSocketTunnelTest extends WebSocketTunnelContract {
}
