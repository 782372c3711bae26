package io.inteli.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JavaProcessTest {
    @TempDir
    Path dir;

    @Test
    void startsAMainClassWithPropertiesAndArgumentsAndSigtermRunsItsShutdownHooks() {
        try (JavaProcess process = JavaProcess.builder("sleeper", dir)
                .mainClass(Sleeper.class, JavaProcess.FAST_START, Map.of("sleeper.colour", "blue"), "one", "two")
                .start()) {
            process.awaitLog("running one two blue", Duration.ofSeconds(30));
            assertTrue(process.logged("to stderr"), "stderr goes into the same log");
            assertEquals("blue", process.property("sleeper.colour"));
            assertNotEquals(0, process.terminate(Duration.ofSeconds(30)));
            assertTrue(process.logged("shutdown hook ran"), process.output());
            assertFalse(process.alive());
        }
    }

    @Test
    void closeKillsAProcessThatIgnoresSigtermAfterTheGraceTime() {
        JavaProcess process = JavaProcess.builder("stubborn", dir)
                .mainClass(Sleeper.class, JavaProcess.FAST_START, Map.of(), "ignore-sigterm")
                .errorsApart().stopGrace(Duration.ofMillis(500)).start();
        process.awaitLog("running ignore-sigterm", Duration.ofSeconds(30));
        assertEquals("to stderr\n", process.errors());
        process.close();
        assertFalse(process.alive());
        assertTrue(process.logged("SIGTERM ignored"), process.output());
        assertFalse(process.logged("shutdown hook ran"), "killed, not shut down");
    }

    @Test
    void awaitingALogLineOfAProcessThatExitedFailsAtOnceWithItsOutput() {
        try (JavaProcess process = new JavaProcess("false", List.of(Jdk.java(), "-version"), Map.of(), Map.of(), dir)
                .start()) {
            long start = System.nanoTime();
            AssertionError e = assertThrows(AssertionError.class,
                                            () -> process.awaitLog("never said", Duration.ofSeconds(60)));
            assertTrue(e.getMessage().contains("exited with 0 before logging \"never said\""), e.getMessage());
            assertTrue(e.getMessage().contains("version"), e.getMessage());
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos());
        }
    }

    @Test
    void theJdkIsTheNewestOfAtLeast21() {
        assertTrue(Jdk.major(Jdk.home()) >= Jdk.MINIMUM, Jdk.home().toString());
    }
}
