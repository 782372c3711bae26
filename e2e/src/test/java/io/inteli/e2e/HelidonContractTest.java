package io.inteli.e2e;

/** The proxy's contract on its default runtime, the Helidon MP jar. */
class HelidonContractTest extends ProxyContract {
    @Override
    ProxyRuntime runtime() {
        return ProxyRuntime.HELIDON;
    }
}
