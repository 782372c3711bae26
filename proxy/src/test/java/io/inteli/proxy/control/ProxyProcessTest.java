package io.inteli.proxy.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inteli.proxy.Main;
import io.inteli.testsupport.JavaProcess;
import io.inteli.testsupport.Poll;
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
    private static final AtomicInteger COUNT = new AtomicInteger();
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

    /** The proxy's main class from this module's class path, by the shared launcher. */
    private static final class Proxy implements AutoCloseable {
        private final JavaProcess process;

        private Proxy(JavaProcess process) {
            this.process = process;
        }

        static Proxy start(Path home, String... extra) {
            List<String> options = new ArrayList<>(List.of("-Duser.home=" + home, "-Dserver.port=0",
                                                           "-Dinteli.control.port=0"));
            options.addAll(List.of(extra));
            return new Proxy(JavaProcess.builder("proxy-" + COUNT.incrementAndGet(), home)
                    .mainClass(Main.class, options, Map.of()).stopGrace(Duration.ofSeconds(20)).start());
        }

        String output() {
            return process.output();
        }

        String awaitOutput(String text) {
            // the rest of the log record follows in the same write: the line is complete at its end
            process.awaitLog(text, Duration.ofSeconds(60));
            Poll.until("end of line", Duration.ofSeconds(5),
                       () -> output().indexOf("\n", output().indexOf(text)) >= 0);
            return output();
        }

        int awaitExit(Duration timeout) {
            return process.awaitExit(timeout);
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
