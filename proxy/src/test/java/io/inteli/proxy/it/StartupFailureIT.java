package io.inteli.proxy.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.inteli.testsupport.JavaProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged proxy cannot start: it exits non-zero with exactly one line on standard error naming the cause and
 * the key, no stack trace anywhere, and nothing claims it started.
 */
class StartupFailureIT {
    private static final AtomicInteger RUNS = new AtomicInteger();

    @TempDir
    Path tmp;

    @Test
    void aBusyDataPortNamesServerPort() throws Exception {
        try (ServerSocket busy = listening()) {
            Result r = start(Map.of("server.port", String.valueOf(busy.getLocalPort())));
            r.assertOneLine("inteli-proxy: cannot listen on 127.0.0.1:" + busy.getLocalPort()
                            + " (address already in use): set server.port");
        }
    }

    @Test
    void aBusyControlPortNamesInteliControlPort() throws Exception {
        try (ServerSocket busy = listening()) {
            Result r = start(Map.of("inteli.control.port", String.valueOf(busy.getLocalPort())));
            r.assertOneLine("inteli-proxy: cannot listen on 127.0.0.1:" + busy.getLocalPort()
                            + " (address already in use): set inteli.control.port");
        }
    }

    /** Past the early check (the socket's port set directly): Helidon's own bind fails, and nothing claims a start. */
    @Test
    void aListenerThatHelidonCannotBindStopsTheStartBeforeAnyClaim() throws Exception {
        try (ServerSocket busy = listening()) {
            Result r = start(Map.of("server.sockets.0.port", String.valueOf(busy.getLocalPort())));
            r.assertOneLine("inteli-proxy: cannot listen on 127.0.0.1:" + busy.getLocalPort()
                            + " (address already in use): set inteli.control.port");
            assertFalse(r.stdout.contains("Server started on"), r.stdout);
            assertFalse(r.stdout.contains(":-1"), r.stdout);
            assertFalse(r.stdout.contains("agent settings for this proxy"), r.stdout);
        }
    }

    @Test
    void aKeystoreThatIsNoKeystoreNamesTheKeystoreKey() throws Exception {
        Path garbage = Files.writeString(tmp.resolve("server.p12"), "not a keystore\n");
        Result r = start(Map.of("inteli.control.tls.keystore", garbage.toString()));
        r.assertOneLine("inteli-proxy: cannot read the keystore " + garbage
                        + " (not a PKCS#12 or JKS keystore: ", "): set inteli.control.tls.keystore");
    }

    @Test
    void aMissingKeystoreNamesTheKeystoreKey() throws Exception {
        Path missing = tmp.resolve("missing.p12");
        Result r = start(Map.of("inteli.control.tls.keystore", missing.toString()));
        r.assertOneLine("inteli-proxy: cannot read the keystore " + missing + " (no such file: " + missing
                        + "): set inteli.control.tls.keystore");
    }

    @Test
    void aWrongKeystorePasswordNamesThePasswordKey() throws Exception {
        Path keystore = tmp.resolve("empty.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (OutputStream out = Files.newOutputStream(keystore)) {
            store.store(out, "the-right-password".toCharArray());
        }
        Result r = start(Map.of("inteli.control.tls.keystore", keystore.toString(),
                                "inteli.control.tls.keystore-password", "a-wrong-password"));
        r.assertOneLine("inteli-proxy: cannot open the keystore " + keystore + " (wrong password): "
                        + "set inteli.control.tls.keystore-password");
    }

    @Test
    void aStateDirThatCannotBeCreatedNamesTheKey() throws Exception {
        // a regular file as its parent: fails for root too
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        Path stateDir = file.resolve("state");
        Result r = start(Map.of("inteli.state-dir", stateDir.toString()));
        r.assertOneLine("inteli-proxy: cannot create the state directory " + stateDir + " (",
                        "): set inteli.state-dir");
    }

    @Test
    void anExistingStateDirThatCannotBeWrittenNamesTheKey() throws Exception {
        Path stateDir = Files.createDirectory(tmp.resolve("read-only"));
        ReadOnly readOnly = ReadOnly.make(stateDir);
        try {
            Result r = start(Map.of("inteli.state-dir", stateDir.toString()));
            r.assertOneLine("inteli-proxy: cannot write to the state directory " + stateDir + " (",
                            "): set inteli.state-dir");
            try (var files = Files.list(stateDir)) {
                assertEquals(0, files.count(), "nothing was written");
            }
        } finally {
            readOnly.undo();
        }
    }

    @Test
    void aStateFileThatIsADirectoryNamesTheKeyWithoutAStackTrace() throws Exception {
        Path stateDir = Files.createDirectories(tmp.resolve("state-with-dir"));
        Path secret = Files.createDirectory(stateDir.resolve("agent-secret"));
        Result r = start(Map.of("inteli.state-dir", stateDir.toString()));
        r.assertOneLine("inteli-proxy: invalid configuration inteli.state-dir: cannot use " + secret + ": ");
    }

    @Test
    void aCorruptGeneratedKeystoreNamesTheKeyWithoutAStackTrace() throws Exception {
        Path stateDir = Files.createDirectories(tmp.resolve("state-with-empty-keystore"));
        Path keystore = Files.createFile(stateDir.resolve("control-keystore.p12"));
        Result r = start(Map.of("inteli.state-dir", stateDir.toString()));
        r.assertOneLine("inteli-proxy: invalid configuration inteli.state-dir: " + keystore + " is not a keystore");
    }

    @Test
    void aGeneratedSecretFileTooShortForAnAgentNamesTheKey() throws Exception {
        Path stateDir = Files.createDirectories(tmp.resolve("state-with-short-secret"));
        Path secret = Files.writeString(stateDir.resolve("agent-secret"), "short\n");
        Result r = start(Map.of("inteli.state-dir", stateDir.toString()));
        r.assertOneLine("inteli-proxy: invalid configuration inteli.state-dir: " + secret + " holds a secret of 5 "
                        + "characters; at least 32 are needed");
    }

    @Test
    void anInvalidValueNamesTheKeyOnce() throws Exception {
        Result r = start(Map.of("inteli.registry.ping-interval", "5x"));
        r.assertOneLine("inteli-proxy: invalid configuration inteli.registry.ping-interval: '5x' is not a duration "
                        + "(write 500ms, 5s, 2m, 1h or PT5S)");
        assertFalse(r.stdout.contains("'5x'"), "printed once, on standard error:\n" + r.stdout);
    }

    @Test
    void stackTracesOnlyWhenAskedFor() throws Exception {
        Result r = start(Map.of("inteli.registry.ping-interval", "5x", "inteli.log.stack-traces", "true"));
        assertNotEquals(0, r.exit);
        assertTrue(r.stderr.startsWith("inteli-proxy: invalid configuration inteli.registry.ping-interval"), r.stderr);
        assertTrue(r.stderr.contains("\tat "), r.stderr);
    }

    private static ServerSocket listening() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    /** The packaged jar with free ports and a state dir of its own, unless {@code properties} say otherwise. */
    private Result start(Map<String, String> properties) throws Exception {
        Path jar = Path.of(System.getProperty("inteli.jar", "target/inteli-proxy.jar"));
        assertTrue(Files.isRegularFile(jar), "packaged proxy missing: " + jar.toAbsolutePath());
        List<String> command = new ArrayList<>(List.of("-Xmx96m"));
        Map<String, String> defaults = Map.of("server.host", "127.0.0.1", "server.port", "0",
                                              "inteli.control.host", "127.0.0.1", "inteli.control.port", "0",
                                              "server.sockets.0.host", "127.0.0.1",
                                              "inteli.state-dir", tmp.resolve("state").toString());
        defaults.forEach((k, v) -> command.add("-D" + k + "=" + properties.getOrDefault(k, v)));
        properties.forEach((k, v) -> {
            if (!defaults.containsKey(k)) {
                command.add("-D" + k + "=" + v);
            }
        });
        try (JavaProcess process = JavaProcess.builder("proxy-" + RUNS.incrementAndGet(), tmp)
                .jar(jar, command, Map.of()).errorsApart().start()) {
            int exit = process.awaitExit(Duration.ofSeconds(90));
            return new Result(exit, process.output(), process.errors());
        }
    }

    private record Result(int exit, String stdout, String stderr) {
        void assertOneLine(String expected) {
            assertOneLine(expected, "");
        }

        /** Exactly one line on stderr, starting and ending as given; no stack trace anywhere; exit status not 0. */
        void assertOneLine(String start, String end) {
            String all = "exit " + exit + "\nstderr:\n" + stderr + "\nstdout:\n" + stdout;
            assertNotEquals(0, exit, all);
            assertTrue(stderr.endsWith("\n"), all);
            List<String> lines = stderr.lines().toList();
            assertEquals(1, lines.size(), all);
            assertTrue(lines.getFirst().startsWith(start) && lines.getFirst().endsWith(end), all);
            assertFalse(stdout.contains("\tat ") || stdout.contains("Exception:"), "a stack trace:\n" + all);
            assertFalse(stdout.contains("Server started on"), all);
        }
    }

    /** A directory nobody can write into, root included: {@code chattr +i} as root, else the permissions. */
    private record ReadOnly(Path dir, boolean immutable) {
        static ReadOnly make(Path dir) throws Exception {
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                Process p = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes());
                Assumptions.assumeTrue(p.waitFor() == 0, "running as root and chattr +i failed: " + output);
                return new ReadOnly(dir, true);
            }
            assertTrue(dir.toFile().setWritable(false, false));
            return new ReadOnly(dir, false);
        }

        void undo() throws Exception {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor();
            } else {
                dir.toFile().setWritable(true, true);
            }
        }
    }
}
