package io.inteli.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.inteli.testsupport.FreePort;
import io.inteli.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/run} as a new user starts it, on ports of its own (INTELI_HTTP_PORT, INTELI_CONTROL_PORT,
 * INTELI_DEMO_PORT): when a process it started exits, it says why at once and exits non-zero.
 */
class RunScriptTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

    @TempDir
    Path dir;

    @Test
    void aBusyDataPortEndsRunAtOnceWithTheProxysReason() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0)); // 0.0.0.0, as the proxy binds by default
            int port = busy.getLocalPort();
            long start = System.nanoTime();
            Run run = run(port, FreePort.find(), FreePort.find(), Duration.ofSeconds(60));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(1, run.exit, run.output);
            assertTrue(run.output.contains("run: the proxy exited (status 1): inteli-proxy: cannot listen on 0.0.0.0:"
                                           + port + " (address already in use): set server.port"), run.output);
            // about 3 s here (a JVM start and the configuration read), 60 s before bin/run watched its processes;
            // the margin is for a loaded machine
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "took " + took + ":\n" + run.output);
            assertClean(run.output);
        }
    }

    @Test
    void aDemoThatCannotStartEndsRunWithItsLastErrorLine() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(0));
            Run run = run(FreePort.find(), FreePort.find(), busy.getLocalPort(), Duration.ofSeconds(150));
            assertEquals(1, run.exit, run.output);
            assertTrue(run.output.contains("run: the demo exited (status "), run.output);
            assertFalse(run.output.contains("did not happen within"), run.output);
            assertClean(run.output);
        }
    }

    @Test
    void eachProcessGetsOnlyItsOwnVariablesSoNoneWarnsOfUnknownKeys() throws Exception {
        Map<String, String> environment = Map.of(
                "INTELI_STATE_DIR", dir.resolve("state").toString(),
                "INTELI_HTTP_PORT", String.valueOf(FreePort.find()),
                "INTELI_CONTROL_PORT", String.valueOf(FreePort.find()),
                "INTELI_DEMO_PORT", String.valueOf(FreePort.find()),
                // a proxy key and an agent key, as a user sets them for one of the two processes
                "INTELI_PROXY_ACCESS_LOG", "true",
                "INTELI_AGENT_BACKOFF_MAX", "5s");
        // SIGTERM at the end: bin/run stops what it started
        try (JavaProcess run = bin("python", environment, "--python").stopGrace(Duration.ofSeconds(60)).start()) {
            run.awaitLog("Ctrl-C stops", Duration.ofSeconds(120));
            java.util.regex.Matcher logs = java.util.regex.Pattern.compile("log: (\\S+)/proxy\\.log")
                    .matcher(run.output());
            assertTrue(logs.find(), run.output());
            Path logDir = Path.of(logs.group(1));
            assertFalse(read(logDir.resolve("proxy.log")).contains("unknown key"), read(logDir.resolve("proxy.log")));
            assertFalse(read(logDir.resolve("registrar.log")).contains("unknown key"),
                        read(logDir.resolve("registrar.log")));
        }
    }

    @Test
    void aMistypedArgumentIsRefusedInsteadOfStartingTheJavaDemo() {
        try (JavaProcess run = bin("mistyped", Map.of(), "--pyhton").start()) {
            assertEquals(2, run.awaitExit(Duration.ofSeconds(20)), run.output());
            assertEquals("run: unknown argument '--pyhton'; usage: bin/run [--python]\n", run.output());
        }
    }

    /** bin/run's own output: no colour codes, no JDK warnings, no stack traces. */
    private static void assertClean(String output) {
        assertFalse(output.contains("\u001b["), "colour codes:\n" + output);
        assertFalse(output.contains("WARNING"), output);
        assertFalse(output.contains("\tat "), output);
    }

    private Run run(int httpPort, int controlPort, int demoPort, Duration timeout) {
        try (JavaProcess run = bin("run", Map.of("INTELI_STATE_DIR", dir.resolve("state").toString(),
                                                 "INTELI_HTTP_PORT", String.valueOf(httpPort),
                                                 "INTELI_CONTROL_PORT", String.valueOf(controlPort),
                                                 "INTELI_DEMO_PORT", String.valueOf(demoPort)))
                .stopGrace(Duration.ofSeconds(20)).start()) {
            return new Run(run.awaitExit(timeout), run.output());
        }
    }

    /** bin/run from the project root, by the shared launcher (which passes its JDK as JAVA_HOME). */
    private JavaProcess.Builder bin(String name, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/run").toString()));
        command.addAll(List.of(arguments));
        return JavaProcess.builder(name, dir).command(command).environment(environment).directory(ROOT);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private record Run(int exit, String output) {
    }
}
