package io.inteli.proxy.control;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy as an operator runs it: its own JVM, no configuration (only ports 0, to share the machine, and a
 * home directory of its own), then the settings it prints used as an agent would.
 */
class ProxyProcessTest {
    private static final Pattern PROXIES = Pattern.compile("inteli\\.agent\\.proxies=wss://[^:]+:(\\d+)/registry");
    private static final Pattern PIN = Pattern.compile("inteli\\.agent\\.tls\\.pin=([0-9A-F:]{95})");
    private static final Pattern SECRET_FILE = Pattern.compile("inteli\\.secret=<the content of (\\S+)>");

    @TempDir
    Path home;

    @Test
    void startsWithoutConfigurationPrintsWhatAnAgentNeedsAndKeepsItAcrossARestart() throws Exception {
        String pin;
        String secret;
        String token;
        try (Proxy proxy = Proxy.start(home)) {
            String out = proxy.awaitOutput("inteli.secret=");
            pin = group(PIN, out);
            Path secretFile = Path.of(group(SECRET_FILE, out));
            assertEquals(home.resolve(".inteli").resolve(AgentSecrets.FILE), secretFile);
            secret = Files.readString(secretFile).trim();
            assertFalse(out.contains(secret), "the secret itself is never logged");
            token = Files.readString(home.resolve(".inteli/admin-token")).trim();
            assertFalse(out.contains(token), "the token itself is never logged");

            int port = Integer.parseInt(group(PROXIES, out));
            try (RawAgent agent = RawAgent.connect(port)) {
                assertEquals(pin, RawAgent.fingerprint(agent.serverCertificate()), "the pin matches the certificate");
                agent.authenticate("pasted-1", secret);
            }
        }
        try (Proxy again = Proxy.start(home)) {
            String out = again.awaitOutput("inteli.secret=");
            assertEquals(pin, group(PIN, out));
            assertEquals(secret, Files.readString(home.resolve(".inteli").resolve(AgentSecrets.FILE)).trim());
            assertEquals(token, Files.readString(home.resolve(".inteli/admin-token")).trim());
            try (RawAgent agent = RawAgent.connect(Integer.parseInt(group(PROXIES, out)))) {
                agent.authenticate("pasted-1", secret);
            }
        }
    }

    @Test
    void usesTheConfiguredKeystoreSecretAndTokenAndLogsNeitherSecretNorToken() throws Exception {
        Path keystore = home.resolve("server.p12");
        String fingerprint = TestKeystores.write(keystore, "store-password");
        String secret = "configured-secret-0123456789abcdef-xyz";
        String token = "configured-admin-token-0123456789";
        try (Proxy proxy = Proxy.start(home, "-Dinteli.control.tls.keystore=" + keystore,
                                       "-Dinteli.control.tls.keystore-password=store-password",
                                       "-Dinteli.secret=" + secret, "-Dinteli.admin.token=" + token)) {
            String out = proxy.awaitOutput("inteli.secret=");
            assertEquals(fingerprint, group(PIN, out));
            try (RawAgent agent = RawAgent.connect(Integer.parseInt(group(PROXIES, out)))) {
                assertEquals(fingerprint, RawAgent.fingerprint(agent.serverCertificate()));
                agent.authenticate("configured-1", secret);
            }
            assertFalse(proxy.output().contains(secret), "a configured secret is never logged");
            assertFalse(proxy.output().contains(token), "a configured token is never logged");
            assertFalse(Files.exists(home.resolve(".inteli").resolve(AgentSecrets.FILE)));
            assertFalse(Files.exists(home.resolve(".inteli/admin-token")));
            assertFalse(Files.exists(home.resolve(".inteli/control-keystore.p12")));
        }
    }

    @Test
    void stopsStartingOnAnInvalidValueWithAMessageNamingTheKey() throws Exception {
        try (Proxy proxy = Proxy.start(home, "-Dinteli.registry.ping-interval=often")) {
            int exit = proxy.awaitExit(Duration.ofSeconds(60));
            assertNotEquals(0, exit);
            assertTrue(proxy.output().contains("inteli-proxy: invalid configuration "
                    + "inteli.registry.ping-interval: 'often' is not a duration"), proxy.output());
            assertFalse(proxy.output().contains("bound for socket"), "no socket was opened");
        }
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        assertTrue(m.find(), pattern + " not in:\n" + text);
        return m.group(1);
    }

    private static final class Proxy implements AutoCloseable {
        private final Process process;
        private final StringBuffer output = new StringBuffer();

        private Proxy(Process process) {
            this.process = process;
            Thread.ofVirtual().start(() -> copy(process.getInputStream()));
        }

        static Proxy start(Path home, String... extra) throws IOException {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator),
                    "-Duser.home=" + home, "-Dserver.port=0", "-Dinteli.control.port=0"));
            command.addAll(List.of(extra));
            command.add("io.inteli.proxy.Main");
            return new Proxy(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        private void copy(InputStream in) {
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }

        String output() {
            return output.toString();
        }

        String awaitOutput(String text) {
            Poll.until("proxy output containing " + text, Duration.ofSeconds(60),
                       () -> output.indexOf(text) >= 0 || !process.isAlive());
            assertTrue(output.indexOf(text) >= 0, "proxy ended before printing " + text + ":\n" + output);
            // the rest of the log record follows in the same write, give the line a moment to complete
            Poll.until("end of line", Duration.ofSeconds(5),
                       () -> output.indexOf("\n", output.indexOf(text)) >= 0);
            return output();
        }

        int awaitExit(Duration timeout) throws InterruptedException {
            assertTrue(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS), "still running:\n" + output);
            return process.exitValue();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
