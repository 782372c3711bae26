package io.inteli.proxy.forwarding;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

/** WebSocket pass-through on the native front door. */
@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state")
class WebSocketTunnelTest extends WebSocketTunnelContract {
}
