package io.inteli.e2e;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** Each test gets a running proxy in its own temporary folder, and every process it started is killed after it. */
abstract class WithProxy {
    // Kept when a test fails: the processes' logs are in it.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    Cluster cluster;

    @BeforeEach
    void startProxy() {
        cluster = new Cluster(dir);
        cluster.startProxy();
    }

    @AfterEach
    void stopEverything() {
        cluster.close();
    }
}
