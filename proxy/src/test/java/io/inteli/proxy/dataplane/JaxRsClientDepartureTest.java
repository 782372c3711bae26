package io.inteli.proxy.dataplane;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

/** A client leaving a silent exchange, on the JAX-RS front door (hosted on the same connection handler). */
@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
class JaxRsClientDepartureTest extends ClientDepartureContract {
}
