package io.inteli.proxy.framing;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state")
class RandomizedFramingTest extends RandomizedFramingContract {
}
