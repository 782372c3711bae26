package io.inteli.e2e;

/**
 * The same contract with the proxy as a WAR on Open Liberty ({@code proxy-liberty}, the root server.xml). Runs with
 * {@code -Pliberty} only, which builds the Liberty server first.
 */
class LibertyProxyTest extends ProxyContract {
    @Override
    ProxyRuntime runtime() {
        return ProxyRuntime.LIBERTY;
    }
}
