package io.inteli.proxy.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged proxy ({@code java -jar target/inteli-proxy.jar}, or through the launcher) in a JVM of its own, with
 * ports and state dir of its own.
 */
final class ProxyProcess implements AutoCloseable {
    final int dataPort;
    final int controlPort;
    final Path stateDir;
    final Path log;
    private final Process process;

    private ProxyProcess(int dataPort, int controlPort, Path stateDir, Path log, Process process) {
        this.dataPort = dataPort;
        this.controlPort = controlPort;
        this.stateDir = stateDir;
        this.log = log;
        this.process = process;
    }

    static ProxyProcess start(List<String> jvmOptions, List<String> properties) throws IOException {
        Path jar = Path.of(System.getProperty("inteli.jar", "target/inteli-proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("packaged proxy missing: " + jar.toAbsolutePath() + " (run mvn verify: the jar is built in package)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        return start(command, properties, List.of("-jar", jar.toString()));
    }

    /** Started as an operator would: by the launcher {@code bin/inteli-proxy} (with a small heap). */
    static ProxyProcess startWithLauncher(List<String> properties) throws IOException {
        Path launcher = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("bin/inteli-proxy");
        return start(List.of(launcher.toString()), properties, List.of());
    }

    private static ProxyProcess start(List<String> head, List<String> properties, List<String> tail)
            throws IOException {
        Path stateDir = Files.createTempDirectory("inteli-it-state");
        Path log = Files.createTempFile("inteli-it-proxy", ".log");
        int dataPort = freePort();
        int controlPort = freePort();
        List<String> command = new ArrayList<>(head);
        command.add("-Dserver.host=127.0.0.1");
        command.add("-Dserver.port=" + dataPort);
        command.add("-Dinteli.control.host=127.0.0.1");
        command.add("-Dinteli.control.port=" + controlPort);
        command.add("-Dinteli.state-dir=" + stateDir);
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.addAll(tail);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("INTELI_HEAP", "128m");
        return new ProxyProcess(dataPort, controlPort, stateDir, log, builder.start());
    }

    /** Waits until both sockets accept connections. */
    ProxyProcess awaitListening() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!(accepts(dataPort) && accepts(controlPort))) {
            if (!process.isAlive()) {
                fail("the proxy exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                fail("the proxy did not listen within 60 s:\n" + log());
            }
            Thread.sleep(100);
        }
        return this;
    }

    /** SIGTERM, as an orchestrator stops it; the exit code, when the process ends within the timeout. */
    int terminate(Duration timeout) throws Exception {
        process.destroy();
        return awaitExit(timeout);
    }

    /** The exit code, when the process ends within the timeout. */
    int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("the proxy still runs after " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
