package io.inteli.proxy.framing;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "native")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state")
@AddConfig(key = "inteli.proxy.max-body-size", value = "1m")
@AddConfig(key = "inteli.proxy.client-header-timeout", value = "400ms")
@AddConfig(key = "inteli.proxy.client-body-timeout", value = "400ms")
class NativeFramingTest extends FramingConformance {
}
