package io.inteli.proxy.forwarding;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
class JaxRsFrontDoorTest extends FrontDoorContract {
    @Override
    ProxySettings.FrontDoor expectedFrontDoor() {
        return ProxySettings.FrontDoor.JAXRS;
    }
}
