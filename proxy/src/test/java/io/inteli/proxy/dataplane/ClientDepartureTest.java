package io.inteli.proxy.dataplane;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

/** A client leaving a silent exchange, on the native front door. */
@HelidonTest
@AddConfig(key = "server.port", value = "0")
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.state-dir", value = ClientDepartureContract.STATE_DIR)
@AddConfig(key = "inteli.secret", value = ClientDepartureContract.SECRET)
@AddConfig(key = "inteli.registry.drain-timeout", value = "30s")
class ClientDepartureTest extends ClientDepartureContract {
}
