package io.inteli.e2e;

import java.nio.file.Path;
import java.util.Map;

import io.inteli.testsupport.FreePort;
import io.inteli.testsupport.JavaProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The agent in a real backend: a misspelled key is one warning naming the closest key the agent knows. */
class AgentUnknownKeyTest {
    // Kept when a test fails: the processes' logs are in it.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aMisspelledAgentKeyIsOneWarningNamingTheClosestKnownKey() throws Exception {
        try (Cluster cluster = new Cluster(dir)) {
            JavaProcess backend = cluster.startBackend("typo", Map.of(
                    "inteli.agent.proxies", "wss://127.0.0.1:" + FreePort.find() + "/registry",
                    "inteli.agent.tls.pin", "00".repeat(32), "inteli.agent.wieght", "2"));
            backend.awaitLog("Server started", Cluster.START_TIMEOUT);
            assertEquals(1, backend.count("inteli.agent.wieght: unknown key; did you mean inteli.agent.weight?"),
                         backend.tail());
            assertEquals(1, backend.count("unknown key"), backend.tail());
        }
    }
}
