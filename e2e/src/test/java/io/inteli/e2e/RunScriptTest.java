package io.inteli.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
        Path out = dir.resolve("python.out");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/run").toString(), "--python")
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("INTELI_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("INTELI_HTTP_PORT", String.valueOf(FreePort.find()));
        builder.environment().put("INTELI_CONTROL_PORT", String.valueOf(FreePort.find()));
        builder.environment().put("INTELI_DEMO_PORT", String.valueOf(FreePort.find()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // a proxy key and an agent key, as a user sets them for one of the two processes
        builder.environment().put("INTELI_PROXY_ACCESS_LOG", "true");
        builder.environment().put("INTELI_AGENT_BACKOFF_MAX", "5s");
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!read(out).contains("Ctrl-C stops")) {
                assertTrue(process.isAlive(), read(out));
                assertTrue(System.nanoTime() < deadline, "not up within 120 s:\n" + read(out));
                Thread.sleep(200);
            }
            java.util.regex.Matcher logs = java.util.regex.Pattern.compile("log: (\\S+)/proxy\\.log")
                    .matcher(read(out));
            assertTrue(logs.find(), read(out));
            Path logDir = Path.of(logs.group(1));
            assertFalse(read(logDir.resolve("proxy.log")).contains("unknown key"), read(logDir.resolve("proxy.log")));
            assertFalse(read(logDir.resolve("registrar.log")).contains("unknown key"),
                        read(logDir.resolve("registrar.log")));
        } finally {
            process.destroy(); // SIGTERM: bin/run stops what it started
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroyForcibly();
            }
        }
    }

    @Test
    void aMistypedArgumentIsRefusedInsteadOfStartingTheJavaDemo() throws Exception {
        Process process = new ProcessBuilder(ROOT.resolve("bin/run").toString(), "--pyhton").directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), output);
        assertEquals(2, process.exitValue(), output);
        assertEquals("run: unknown argument '--pyhton'; usage: bin/run [--python]\n", output);
    }

    /** bin/run's own output: no colour codes, no JDK warnings, no stack traces. */
    private static void assertClean(String output) {
        assertFalse(output.contains("\u001b["), "colour codes:\n" + output);
        assertFalse(output.contains("WARNING"), output);
        assertFalse(output.contains("\tat "), output);
    }

    private Run run(int httpPort, int controlPort, int demoPort, Duration timeout) throws Exception {
        Path out = dir.resolve("run.out");
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("bin/run").toString()).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("INTELI_STATE_DIR", dir.resolve("state").toString());
        builder.environment().put("INTELI_HTTP_PORT", String.valueOf(httpPort));
        builder.environment().put("INTELI_CONTROL_PORT", String.valueOf(controlPort));
        builder.environment().put("INTELI_DEMO_PORT", String.valueOf(demoPort));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            fail("bin/run still runs after " + timeout + ":\n" + read(out));
        }
        return new Run(process.exitValue(), read(out));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private record Run(int exit, String output) {
    }
}
