package io.inteli.proxy.framing;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;

@HelidonTest
@AddConfig(key = "inteli.proxy.front-door", value = "jaxrs")
class JaxRsStreamingTest extends StreamingContract {
}
