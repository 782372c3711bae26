package io.inteli.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.inteli.testsupport.FreePort;
import io.inteli.testsupport.JavaProcess;
import io.inteli.testsupport.Jdk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fleet of proxies behind one DNS name: {@code jdk.net.hosts.file} maps {@code proxies.fleet.test} to loopback
 * addresses, each with a proxy on it (same ports), and registrars name the fleet with {@code dns+wss://}.
 */
class FleetTest {
    private static final String NAME = "proxies.fleet.test";
    private static final List<String> HOSTS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");
    private static final Duration REFRESH = Duration.ofSeconds(1);
    /** One refresh, then a TLS connection and the protocol's four messages on a loaded machine. */
    private static final Duration WITHIN_REFRESH = REFRESH.plusSeconds(6);
    private static final String COOKIE = "inteli_sticky";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private final List<Cluster> proxies = new ArrayList<>();
    private Path hostsFile;

    @AfterEach
    void stopEverything() {
        proxies.forEach(Cluster::close);
    }

    @Test
    void registrarRegistersWithEveryAddressFollowsTheNameAndCookiesWorkAcrossProxies() throws Exception {
        int dataPort = FreePort.findOnAll(HOSTS);
        int controlPort = FreePort.findOnAll(HOSTS);
        for (String host : HOSTS) {
            Cluster proxy = new Cluster(dir, host, dataPort, controlPort);
            proxies.add(proxy);
            proxy.startProxy(Map.of("inteli.lb.sticky-cookie", COOKIE));
        }
        Cluster first = proxies.get(0);
        Cluster second = proxies.get(1);
        Cluster third = proxies.get(2);
        hostsFile = dir.resolve("hosts");
        writeHosts("127.0.0.2", "127.0.0.3");

        Sidecars sidecars = new Sidecars(first, dir);
        String pins = proxies.stream().map(Cluster::pin).collect(Collectors.joining(","));
        List<JavaProcess> registrars = new ArrayList<>();
        for (String backend : List.of("py-1", "py-2")) {
            JavaProcess python = sidecars.python(backend);
            Map<String, String> settings = new LinkedHashMap<>();
            // A JVM option: the registrar takes -D options as they come.
            settings.put("jdk.net.hosts.file", hostsFile.toString());
            settings.putAll(sidecars.settings(python, Map.of(
                    "inteli.agent.proxies", "dns+wss://" + NAME + ":" + controlPort + "/registry",
                    "inteli.agent.tls.pin", pins,
                    "inteli.agent.dns-refresh", REFRESH.toMillis() + "ms")));
            registrars.add(sidecars.registrar("registrar-" + backend, settings));
        }
        Map<String, String> both = Map.of("py-1", "ACTIVE", "py-2", "ACTIVE");
        first.awaitBackends(Cluster.START_TIMEOUT, both);
        second.awaitBackends(Cluster.START_TIMEOUT, both);
        assertEquals(Map.of(), third.backends(), "127.0.0.4 is not in the name yet");

        // A third address: registered with within one refresh.
        writeHosts("127.0.0.2", "127.0.0.3", "127.0.0.4");
        third.awaitBackends(WITHIN_REFRESH, both);

        // An address gone from the name: stop, drained, gone from that proxy; the others keep the backends.
        writeHosts("127.0.0.3", "127.0.0.4");
        first.awaitBackends(WITHIN_REFRESH, Map.of());
        for (JavaProcess registrar : registrars) {
            registrar.awaitLog("deregistered from wss://127.0.0.2:" + controlPort + "/registry: drained",
                    WITHIN_REFRESH);
        }
        assertEquals(both, second.backends());
        assertEquals(both, third.backends());

        // A sticky cookie issued by one proxy is honoured by another one sharing the secret.
        HttpResponse<String> issued = second.send(HttpRequest.newBuilder(second.dataPlane().resolve("/")).build());
        assertEquals(200, issued.statusCode(), issued.body());
        String cookie = issued.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String pinnedTo = LoadLoop.backendOf(issued.body());
        Set<String> servedByThird = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> answer = third.send(HttpRequest.newBuilder(third.dataPlane().resolve("/"))
                    .header("Cookie", cookie).build());
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.headers().firstValue("Set-Cookie").isEmpty(), "a valid cookie is not replaced");
            servedByThird.add(LoadLoop.backendOf(answer.body()));
        }
        assertEquals(Set.of(pinnedTo), servedByThird);
        // Without the cookie the third proxy balances over both: the cookie, not chance, pinned the requests.
        Set<String> unpinned = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            unpinned.add(LoadLoop.backendOf(third.send(HttpRequest.newBuilder(third.dataPlane().resolve("/"))
                    .build()).body()));
        }
        assertEquals(Set.of("py-1", "py-2"), unpinned);
    }

    @Test
    void withATruststoreEveryAddressIsVerifiedForTheFleetName() throws Exception {
        // One certificate for the fleet, naming proxies.fleet.test only (not the addresses), from the JDK's keytool.
        Path keystore = dir.resolve("control.p12");
        Path certificate = dir.resolve("control.cer");
        Path truststore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "inteli-control", "-dname",
                "CN=fleet", "-ext", "san=dns:" + NAME, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", "inteli-control", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "proxy", "-file", certificate.toString(), "-keystore",
                truststore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        int dataPort = FreePort.findOnAll(HOSTS.subList(0, 2));
        int controlPort = FreePort.findOnAll(HOSTS.subList(0, 2));
        for (String host : HOSTS.subList(0, 2)) {
            Cluster proxy = new Cluster(dir, host, dataPort, controlPort);
            proxies.add(proxy);
            proxy.startProxy(Map.of("inteli.control.tls.keystore", keystore.toString(),
                    "inteli.control.tls.keystore-password", "changeit"));
        }
        hostsFile = dir.resolve("hosts");
        // The same addresses under a second name that the certificate does not carry.
        writeHosts(Map.of(NAME, List.of("127.0.0.2", "127.0.0.3"), "other.fleet.test",
                List.of("127.0.0.2", "127.0.0.3")));
        Sidecars sidecars = new Sidecars(proxies.get(0), dir);
        List<JavaProcess> registrars = new ArrayList<>();
        for (String name : List.of(NAME, "other.fleet.test")) {
            JavaProcess python = sidecars.python(name.equals(NAME) ? "py-named" : "py-other");
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("jdk.net.hosts.file", hostsFile.toString());
            Map<String, String> tls = new java.util.HashMap<>(Map.of(
                    "inteli.agent.proxies", "dns+wss://" + name + ":" + controlPort + "/registry",
                    "inteli.agent.tls.truststore", truststore.toString(),
                    "inteli.agent.tls.truststore-password", "changeit"));
            settings.putAll(sidecars.settings(python, tls));
            settings.remove("inteli.agent.tls.pin");
            registrars.add(sidecars.registrar("registrar-" + python.name(), settings));
        }
        for (Cluster proxy : proxies) {
            proxy.awaitBackends(Cluster.START_TIMEOUT, Map.of("py-named", "ACTIVE"));
        }
        registrars.get(1).awaitLog("does not name other.fleet.test", Cluster.START_TIMEOUT);
        for (Cluster proxy : proxies) {
            assertEquals(Map.of("py-named", "ACTIVE"), proxy.backends(), "the other name is refused by TLS");
        }
    }

    /** The JDK's keytool, by the shared launcher (its output, appended for each run, in keytool.log). */
    private void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Jdk.home().resolve("bin/keytool").toString()));
        command.addAll(List.of(args));
        try (JavaProcess keytool = new JavaProcess("keytool", command, Map.of(), Map.of(), dir).start()) {
            assertEquals(0, keytool.awaitExit(Duration.ofSeconds(60)), keytool.output());
        }
    }

    private void writeHosts(String... addresses) throws IOException {
        writeHosts(Map.of(NAME, List.of(addresses)));
    }

    private void writeHosts(Map<String, List<String>> names) throws IOException {
        StringBuilder text = new StringBuilder();
        names.forEach((name, addresses) -> addresses.forEach(address ->
                text.append(address).append(' ').append(name).append('\n')));
        Path temporary = dir.resolve("hosts.new");
        Files.writeString(temporary, text);
        Files.move(temporary, hostsFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
