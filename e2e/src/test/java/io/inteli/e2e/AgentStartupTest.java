package io.inteli.e2e;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.inteli.testsupport.FreePort;
import io.inteli.testsupport.JavaProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The agent in a real backend process, with no proxy to talk to. */
class AgentStartupTest {
    // Kept when a test fails: the processes' logs are in it.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private Cluster cluster;

    @BeforeEach
    void setUp() {
        cluster = new Cluster(dir);
    }

    @AfterEach
    void tearDown() {
        cluster.close();
    }

    @Test
    void invalidAgentSettingStopsStartupWithOneMessageNamingTheKey() {
        JavaProcess backend = cluster.startBackend("bad-weight", Map.of("inteli.agent.weight", "0"));
        int exit = backend.awaitExit(Cluster.START_TIMEOUT);
        assertNotEquals(0, exit, backend.tail());
        assertTrue(backend.logged("inteli agent configuration: inteli.agent.weight: must be an integer from 1 to"
                + " 1000, not '0'"), backend.tail());
        assertTrue(!backend.logged("Server started"), backend.tail());
    }

    @Test
    void unreachableProxyNeitherBlocksNorFailsStartupOrShutdown() throws Exception {
        JavaProcess backend = cluster.startBackend("lonely", Map.of(
                "inteli.agent.proxies", "wss://127.0.0.1:" + FreePort.find() + "/registry",
                "inteli.agent.tls.pin", "00".repeat(32)));
        backend.awaitLog("Server started", Cluster.START_TIMEOUT);
        HttpResponse<String> hello = cluster.send(HttpRequest.newBuilder(Cluster.direct(backend, "/")).build());
        assertEquals(200, hello.statusCode());
        backend.awaitLog("cannot connect: ConnectException", Duration.ofSeconds(10));
        // The application observed the agent's CDI event.
        assertTrue(backend.logged("agent event REGISTERING for wss://127.0.0.1:"), backend.tail());
        backend.terminate();
        assertEquals(143, backend.awaitExit(Duration.ofSeconds(15)), backend.tail());
    }
}
