package io.inteli.e2e;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inteli.testsupport.JavaProcess;
import io.inteli.testsupport.Poll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The standalone registrar (registrar/target/inteli-registrar.jar) beside Python and Node backends. */
class RegistrarTest extends WithProxy {
    private static final String ACTIVE = "ACTIVE";
    private static final String NOT_READY = "NOT_READY";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    private Sidecars sidecars;

    @BeforeEach
    void sidecars() {
        sidecars = new Sidecars(cluster, dir);
    }

    @Test
    void pythonAndNodeBackendsServeThroughTheProxy() throws Exception {
        JavaProcess python = sidecars.python("py-1");
        JavaProcess node = sidecars.node("node-1");
        sidecars.registrar("registrar-py-1", sidecars.settings(python, Map.of()));
        sidecars.registrar("registrar-node-1", sidecars.settings(node, Map.of()));
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("py-1", ACTIVE, "node-1", ACTIVE));
        LoadLoop load = new LoadLoop(cluster.dataPlane().resolve("/"), 3);
        try (load) {
            Poll.until(() -> "both backends to serve 20 requests: " + load.perBackend()
                    + ", failures " + load.failures(), LOAD_TIMEOUT, Cluster.POLL,
                       () -> load.servedBy("py-1") >= 20 && load.servedBy("node-1") >= 20);
        }
        assertEquals(List.of(), load.failures());
    }

    @Test
    void sigtermToARegistrarUnderLoadLosesNoRequestAndExitsZero() throws Exception {
        JavaProcess python = sidecars.python("py-1");
        JavaProcess node = sidecars.node("node-1");
        sidecars.registrar("registrar-py-1", sidecars.settings(python, Map.of()));
        JavaProcess leaving = sidecars.registrar("registrar-node-1", sidecars.settings(node, Map.of()));
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("py-1", ACTIVE, "node-1", ACTIVE));
        // Node answers /slow?ms=100 after 100 ms: requests are in flight at every moment.
        LoadLoop load = new LoadLoop(cluster.dataPlane().resolve("/slow?ms=100"), 6);
        try (load) {
            Poll.until(() -> "both backends to serve: " + load.perBackend(), LOAD_TIMEOUT, Cluster.POLL,
                       () -> load.servedBy("py-1") >= 10 && load.servedBy("node-1") >= 10);
            leaving.terminate();
            assertEquals(0, leaving.awaitExit(Duration.ofSeconds(45)), leaving.tail());
            long afterExit = load.servedBy("py-1");
            Poll.until("more requests served after the stop", LOAD_TIMEOUT, Cluster.POLL, () ->
                    load.servedBy("py-1") >= afterExit + 30);
        }
        assertEquals(List.of(), load.failures(), "failed requests while a registrar stopped");
        assertTrue(leaving.logged("deregistered from " + cluster.registryUrl() + ": drained"), leaving.tail());
        assertEquals(Map.of("py-1", ACTIVE), cluster.backends());
        assertTrue(node.alive(), "the backend itself keeps running");
    }

    @Test
    void sigintDeregistersAndExitsZeroToo() throws Exception {
        JavaProcess python = sidecars.python("py-1");
        JavaProcess registrar = sidecars.registrar("registrar-py-1", sidecars.settings(python, Map.of()));
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("py-1", ACTIVE));
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(registrar.pid())).start();
        assertEquals(0, kill.waitFor());
        assertEquals(0, registrar.awaitExit(Duration.ofSeconds(45)), registrar.tail());
        assertTrue(registrar.logged("deregistered from " + cluster.registryUrl() + ": drained"), registrar.tail());
        assertEquals(Map.of(), cluster.backends());
    }

    @Test
    void failingHealthUrlTakesTheBackendOutOfRotationWithinTwoIntervalsAndBack() throws Exception {
        Duration interval = Duration.ofSeconds(1);
        JavaProcess node = sidecars.node("node-1");
        sidecars.registrar("registrar-node-1", sidecars.settings(node, Map.of(
                "inteli.agent.health-url", "http://127.0.0.1:" + node.property("server.port") + "/health",
                "inteli.agent.health-interval", interval.toMillis() + "ms")));
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("node-1", ACTIVE));

        Files.writeString(sidecars.unhealthyFlag("node-1"), "down");
        long failedAt = System.nanoTime();
        // Two intervals, plus a margin for a loaded machine that still fails a registrar polling at 2 x interval.
        cluster.awaitBackends(interval.multipliedBy(2).plusMillis(1500), Map.of("node-1", NOT_READY));
        Duration took = Duration.ofNanos(System.nanoTime() - failedAt);
        assertEquals(403, cluster.get("/").statusCode(), "no backend in rotation");

        Files.delete(sidecars.unhealthyFlag("node-1"));
        cluster.awaitBackends(interval.multipliedBy(2).plusMillis(1500), Map.of("node-1", ACTIVE));
        assertEquals(200, cluster.get("/").statusCode());
        assertTrue(took.compareTo(interval.multipliedBy(2).plusMillis(1500)) <= 0, "took " + took);
    }

    @Test
    void wrongSecretIsOneLineErrorRetriedWithBackoff() {
        JavaProcess python = sidecars.python("py-1");
        JavaProcess registrar = sidecars.registrar("registrar-py-1", sidecars.settings(python, Map.of(
                "inteli.secret", "not-the-proxy-secret-0123456789abcdef-0123")));
        String refused = "refused agent py-1: close 1008 \"authentication failed\"";
        registrar.awaitLog(refused, 4, Duration.ofSeconds(30));
        assertTrue(registrar.alive(), "keeps retrying");
        for (String line : registrar.output().lines().toList()) {
            if (line.contains("refused agent")) {
                assertTrue(line.contains("check that inteli.secret matches"), line);
            }
        }
        // The error is one line: nothing but log records (each starting with its timestamp), no stack trace.
        assertTrue(registrar.output().lines().allMatch(line -> line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")),
                registrar.output());
        // Backoff: the wait between attempts grows (250 ms doubling, capped at 2 s, with jitter).
        List<Long> times = timesOf(registrar.output(), refused);
        long firstGap = times.get(1) - times.get(0);
        long laterGap = times.get(times.size() - 1) - times.get(times.size() - 2);
        assertTrue(laterGap > firstGap, "gaps " + firstGap + " ms, then " + laterGap + " ms");
        assertEquals(Map.of(), cluster.backends());
    }

    @Test
    void badOrMissingKeyExitsTwoWithOneLineNamingIt() throws Exception {
        JavaProcess python = sidecars.python("py-1");
        Map<String, String> good = sidecars.settings(python, Map.of());
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("inteli.agent.weight", "0");
        cases.put("inteli.agent.health-url", "ftp://backend/");
        cases.put("inteli.agent.health-interval", "soon");
        cases.put("inteli.agent.tls.pin", "AB:CD");
        cases.put("inteli.agent.proxies", "http://proxy/registry");
        cases.put("inteli.agent.drain-timeout", "-1s");
        int n = 0;
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            Map<String, String> settings = new java.util.LinkedHashMap<>(good);
            settings.put(bad.getKey(), bad.getValue());
            assertOneLineExit(sidecars.registrar("bad-" + n++, settings), bad.getKey());
        }
        Map<String, String> noUrl = new java.util.LinkedHashMap<>(good);
        noUrl.remove("inteli.agent.url");
        assertOneLineExit(sidecars.registrar("missing-url", noUrl), "inteli.agent.url");

        // Environment variables, named as MicroProfile Config maps them, and a --config file.
        Map<String, String> environment = Map.of("INTELI_AGENT_PROXIES", cluster.registryUrl(),
                "INTELI_SECRET", Cluster.SECRET, "INTELI_AGENT_URL", good.get("inteli.agent.url"),
                "INTELI_AGENT_WEIGHT", "1001");
        assertOneLineExit(sidecars.registrarWithEnvironment("env-weight", environment), "inteli.agent.weight");
        java.nio.file.Path file = dir.resolve("registrar.properties");
        Files.writeString(file, "inteli.agent.routes=shop\n");
        assertOneLineExit(sidecars.registrarWithEnvironment("file-routes", environment, "--config",
                file.toString()), "inteli.agent.weight");
        Map<String, String> fine = new java.util.HashMap<>(environment);
        fine.remove("INTELI_AGENT_WEIGHT");
        assertOneLineExit(sidecars.registrarWithEnvironment("file-routes-2", fine, "--config", file.toString()),
                "inteli.agent.routes");
        assertOneLineExit(sidecars.registrarWithEnvironment("no-file", fine, "--config",
                dir.resolve("missing.properties").toString()), "--config");
    }

    @Test
    void registrarConfiguredByEnvironmentAndFileRegistersQuickly() throws Exception {
        JavaProcess python = sidecars.python("py-env");
        java.nio.file.Path file = dir.resolve("registrar.properties");
        Files.writeString(file, "inteli.agent.id=py-env\ninteli.agent.weight=3\n"
                + "inteli.agent.tls.pin=" + cluster.pin() + "\n");
        JavaProcess registrar = sidecars.registrarWithEnvironment("registrar-env", Map.of(
                "INTELI_AGENT_PROXIES", cluster.registryUrl(), "INTELI_SECRET", Cluster.SECRET,
                "INTELI_AGENT_URL", "http://127.0.0.1:" + python.property("server.port")), "--config",
                file.toString());
        cluster.awaitBackends(Cluster.START_TIMEOUT, Map.of("py-env", ACTIVE));
        Matcher setUp = Pattern.compile("set up in (\\d+) ms").matcher(registrar.output());
        assertTrue(setUp.find(), registrar.output());
        // Under a second on an idle machine (README); the margin is for CI machines running other processes.
        assertTrue(Long.parseLong(setUp.group(1)) < 3000, registrar.output());
    }

    private static void assertOneLineExit(JavaProcess registrar, String key) {
        assertEquals(2, registrar.awaitExit(Duration.ofSeconds(20)), registrar.tail());
        List<String> lines = registrar.output().lines().toList();
        assertEquals(1, lines.size(), registrar.output());
        assertTrue(lines.get(0).startsWith("inteli-registrar: " + key + ":"), lines.get(0));
    }

    private static final Pattern TIME = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT(\\d\\d):(\\d\\d):(\\d\\d)\\.(\\d{3})");

    private static List<Long> timesOf(String output, String text) {
        return output.lines().filter(line -> line.contains(text)).map(line -> {
            Matcher m = TIME.matcher(line);
            assertTrue(m.find(), line);
            return ((Long.parseLong(m.group(1)) * 60 + Long.parseLong(m.group(2))) * 60 + Long.parseLong(m.group(3)))
                    * 1000 + Long.parseLong(m.group(4));
        }).toList();
    }
}
