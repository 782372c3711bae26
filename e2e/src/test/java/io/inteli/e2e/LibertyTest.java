package io.inteli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.inteli.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The agent in a second Jakarta EE runtime: the demo WAR on Open Liberty registers with the proxy and serves
 * through it. Runs with {@code -Pliberty} only (the runtime is a large download and starts slowly).
 */
class LibertyTest extends WithProxy {
    private static final Duration LIBERTY_START = Duration.ofSeconds(120);

    @Test
    void demoWarOnOpenLibertyRegistersServesAndLeavesGracefully() throws Exception {
        Path wlp = Path.of(System.getProperty("inteli.e2e.liberty-dir", "../liberty/target/liberty/wlp"));
        assertTrue(Files.isExecutable(wlp.resolve("bin/server")), "no Liberty server at " + wlp
                + ": build with mvn -Pliberty");
        JavaProcess liberty = cluster.startLibertyBackend(wlp, "liberty-1");
        cluster.awaitBackends(LIBERTY_START, Map.of("liberty-1", "ACTIVE"));
        for (int i = 0; i < 10; i++) {
            var response = cluster.get("/");
            assertEquals(200, response.statusCode());
            assertEquals("hello from liberty-1\n", response.body());
        }
        liberty.terminate();
        liberty.awaitExit(Duration.ofSeconds(60));
        // Liberty drops the application's log records while it stops, so the proxy's side tells: drained on stop.
        assertTrue(cluster.proxy().logged("backend liberty-1 removed") && cluster.proxy().logged("stopped, drained"),
                cluster.proxy().tail());
        assertEquals(Map.of(), cluster.backends());
    }
}
