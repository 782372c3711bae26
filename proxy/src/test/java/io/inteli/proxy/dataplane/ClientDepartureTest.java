package io.inteli.proxy.dataplane;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

/** A client leaving a silent exchange, on the native front door. */
@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "native")
class ClientDepartureTest extends ClientDepartureContract {
}
