package io.inteli.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.inteli.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;

/** The control plane only: backends come back by themselves after the proxy restarts. */
class ProxyRestartTest extends WithProxy {
    private static final String ACTIVE = "ACTIVE";

    @Test
    void everyBackendRegistersAgainWithinTheBackoffCapAfterTheProxyRestarts() {
        List<JavaProcess> backends = List.of(cluster.startBackend("again-1"), cluster.startBackend("again-2"),
                cluster.startBackend("again-3"));
        Map<String, String> all = Map.of("again-1", ACTIVE, "again-2", ACTIVE, "again-3", ACTIVE);
        cluster.awaitBackends(Cluster.START_TIMEOUT, all);
        cluster.proxy().terminate();
        cluster.proxy().awaitExit(Duration.ofSeconds(30));
        for (JavaProcess backend : backends) {
            backend.awaitLog("lost the connection to " + cluster.registryUrl(), Duration.ofSeconds(10));
        }
        cluster.startProxy();
        // Once the proxy listens, each agent's next attempt is at most one backoff cap away (plus the handshake).
        cluster.awaitBackends(Cluster.BACKOFF_MAX.plusSeconds(3), all);
    }
}
