package io.inteli.proxy.forwarding;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
@AddConfig(key = "inteli.control.port", value = "0")
@AddConfig(key = "inteli.control.tls.enabled", value = "false")
@AddConfig(key = "inteli.state-dir", value = "target/test-state")
@AddConfig(key = "inteli.lb.sticky-cookie", value = "STICKY")
@AddConfig(key = "inteli.proxy.read-timeout", value = "700ms")
@AddConfig(key = "inteli.proxy.connect-timeout", value = "500ms")
@AddConfig(key = "inteli.lb.eject-for", value = "300ms")
@AddConfig(key = "inteli.proxy.max-body-size", value = "1m")
@AddConfig(key = "inteli.proxy.access-log", value = "true")
class JaxRsFrontDoorTest extends FrontDoorContract {
    @Override
    ProxySettings.FrontDoor expectedFrontDoor() {
        return ProxySettings.FrontDoor.JAXRS;
    }
}
