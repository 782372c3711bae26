package io.inteli.proxy.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.inteli.testsupport.FreePort;
import io.inteli.testsupport.JavaProcess;
import io.inteli.testsupport.Poll;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packaged proxy ({@code java -jar target/inteli-proxy.jar}, or through the launcher) in a JVM of its own, with
 * ports and state dir of its own: the shared launcher ({@link JavaProcess}) and the proxy's ports.
 */
final class ProxyProcess implements AutoCloseable {
    final int dataPort;
    final int controlPort;
    final Path stateDir;
    private final JavaProcess process;

    private ProxyProcess(int dataPort, int controlPort, Path stateDir, JavaProcess process) {
        this.dataPort = dataPort;
        this.controlPort = controlPort;
        this.stateDir = stateDir;
        this.process = process;
    }

    static ProxyProcess start(List<String> jvmOptions, List<String> properties) throws IOException {
        Path jar = Path.of(System.getProperty("inteli.jar", "target/inteli-proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            fail("packaged proxy missing: " + jar.toAbsolutePath() + " (run mvn verify: the jar is built in package)");
        }
        return start(jvmOptions, properties, jar, null);
    }

    /** Started as an operator would: by the launcher {@code bin/inteli-proxy} (with a small heap). */
    static ProxyProcess startWithLauncher(List<String> properties) throws IOException {
        Path launcher = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("bin/inteli-proxy");
        return start(List.of(), properties, null, launcher);
    }

    private static ProxyProcess start(List<String> jvmOptions, List<String> properties, Path jar, Path launcher)
            throws IOException {
        Path stateDir = Files.createTempDirectory("inteli-it-state");
        int dataPort = FreePort.find();
        int controlPort = FreePort.find();
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(List.of("-Dserver.host=127.0.0.1", "-Dserver.port=" + dataPort,
                               "-Dinteli.control.host=127.0.0.1", "-Dinteli.control.port=" + controlPort,
                               "-Dinteli.state-dir=" + stateDir));
        for (String property : properties) {
            options.add("-D" + property);
        }
        JavaProcess.Builder builder = JavaProcess.builder("proxy", Files.createTempDirectory("inteli-it-proxy"))
                .environment(Map.of("INTELI_HEAP", "128m")).stopGrace(Duration.ofSeconds(20));
        if (jar != null) {
            builder.jar(jar, options, Map.of());
        } else {
            List<String> command = new ArrayList<>(List.of(launcher.toString()));
            command.addAll(options);
            builder.command(command);
        }
        return new ProxyProcess(dataPort, controlPort, stateDir, builder.start());
    }

    /** Waits until both sockets accept connections. */
    ProxyProcess awaitListening() {
        Poll.until(() -> "the proxy to listen; it said:\n" + process.output(), Duration.ofSeconds(60),
                   Duration.ofMillis(100), () -> {
                       if (!process.alive()) {
                           fail("the proxy exited with " + process.awaitExit(Duration.ZERO) + ":\n" + process.output());
                       }
                       return accepts(dataPort) && accepts(controlPort);
                   });
        return this;
    }

    /** SIGTERM, as an orchestrator stops it; the exit code, when the process ends within the timeout. */
    int terminate(Duration timeout) {
        return process.terminate(timeout);
    }

    /** The exit code, when the process ends within the timeout. */
    int awaitExit(Duration timeout) {
        return process.awaitExit(timeout);
    }

    /** What it logged so far (declared to throw, as the callers expect of a file read). */
    String log() throws IOException {
        return process.output();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, and SIGKILL if it still runs 20 s later. */
    @Override
    public void close() {
        process.close();
    }
}
