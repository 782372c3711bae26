package io.inteli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.inteli.agent.PinnedTrustManager;
import io.inteli.testsupport.FreePort;
import io.inteli.testsupport.JavaProcess;
import io.inteli.testsupport.Poll;

/**
 * One proxy and its demo backends, each a separate JVM on ephemeral loopback ports, with the proxy's state in a
 * temporary folder. {@link #close()} kills every process it started.
 */
final class Cluster implements AutoCloseable {
    static final String SECRET = "e2e-shared-secret-0123456789abcdef-0123";
    static final String ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef-0123456789";
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration PING_INTERVAL = Duration.ofMillis(500);
    static final Duration PING_TIMEOUT = Duration.ofMillis(1500);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(2);
    /** The processes' own pace is seconds: checking every 50 ms leaves the two CPUs to them. */
    static final Duration POLL = Duration.ofMillis(50);
    private static final Pattern FINGERPRINT = Pattern.compile("fingerprint: ([0-9A-F:]{95})");

    private final Path dir;
    private final ProxyRuntime runtime;
    private final Path demoJar = Path.of(System.getProperty("inteli.e2e.demo-jar",
            "../examples/target/inteli-demo-backend.jar"));
    private final String host;
    private final int dataPort;
    private final int controlPort;
    private final List<JavaProcess> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private JavaProcess proxy;
    private HttpClient admin;

    Cluster(Path dir) {
        this(dir, "127.0.0.1");
    }

    /** A proxy on 127.0.0.1 on the given runtime. */
    Cluster(Path dir, ProxyRuntime runtime) {
        this(dir, "127.0.0.1", FreePort.find("127.0.0.1"), FreePort.find("127.0.0.1"), runtime);
    }

    /** A proxy whose data and control sockets listen on {@code host} (another loopback address: a fleet). */
    Cluster(Path dir, String host) {
        this(dir, host, FreePort.find(host), FreePort.find(host));
    }

    /** A proxy on {@code host} with given ports: the proxies of a DNS fleet share their ports. */
    Cluster(Path dir, String host, int dataPort, int controlPort) {
        this(dir, host, dataPort, controlPort, ProxyRuntime.HELIDON);
    }

    private Cluster(Path dir, String host, int dataPort, int controlPort, ProxyRuntime runtime) {
        this.dir = dir;
        this.runtime = runtime;
        this.host = host;
        this.dataPort = dataPort;
        this.controlPort = controlPort;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!runtime.built() || !Files.isRegularFile(demoJar)) {
            throw new IllegalStateException("package the proxy (" + runtime + ") and the demo first: "
                    + runtime.artifact() + ", " + demoJar);
        }
    }

    /** Starts (or starts again, on the same ports and state) the proxy, and waits until it listens. */
    JavaProcess startProxy() {
        return startProxy(Map.of());
    }

    /** {@link #startProxy()} with {@code extra} settings (added, or replacing the defaults). */
    JavaProcess startProxy(Map<String, String> extra) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("server.port", String.valueOf(dataPort));
        config.put("server.host", host);
        config.put("inteli.control.port", String.valueOf(controlPort));
        config.put("inteli.control.host", host);
        config.put("inteli.state-dir", dir.resolve(host.equals("127.0.0.1") ? "proxy-state" : "proxy-state-" + host).toString());
        config.put("inteli.secret", SECRET);
        config.put("inteli.admin.token", ADMIN_TOKEN);
        config.put("inteli.registry.ping-interval", PING_INTERVAL.toMillis() + "ms");
        config.put("inteli.registry.ping-timeout", PING_TIMEOUT.toMillis() + "ms");
        config.putAll(extra);
        JavaProcess started = runtime.process(host.equals("127.0.0.1") ? "proxy" : "proxy-" + host, config, dir);
        Map<String, Integer> before = new LinkedHashMap<>();
        runtime.listening().forEach(line -> before.put(line, started.count(line)));
        proxy = track(started.start());
        before.forEach((line, count) -> proxy.awaitLog(line, count + 1, runtime.startTimeout()));
        return proxy;
    }

    JavaProcess proxy() {
        return proxy;
    }

    /** The certificate fingerprint the proxy logged: what a user copies into {@code inteli.agent.tls.pin}. */
    String pin() {
        Matcher m = FINGERPRINT.matcher(proxy.output());
        if (!m.find()) {
            throw new AssertionError("the proxy logged no fingerprint:\n" + proxy.tail());
        }
        return m.group(1);
    }

    String registryUrl() {
        return "wss://" + host + ":" + controlPort + "/registry";
    }

    /** A demo backend that registers with this proxy as {@code agentId}; {@code extra} overrides any setting. */
    JavaProcess startBackend(String agentId, Map<String, String> extra) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("server.port", String.valueOf(FreePort.find()));
        config.put("server.host", "127.0.0.1");
        config.put("inteli.agent.proxies", registryUrl());
        config.put("inteli.secret", SECRET);
        if (proxy != null) {
            config.put("inteli.agent.tls.pin", pin());
        }
        config.put("inteli.agent.id", agentId);
        config.put("inteli.agent.backoff-max", BACKOFF_MAX.toMillis() + "ms");
        config.put("inteli.agent.readiness-interval", "300ms");
        config.putAll(extra);
        return track(new JavaProcess(agentId, demoJar, config, dir).start());
    }

    /** A backend's own URL, to reach it without the proxy. */
    static URI direct(JavaProcess backend, String path) {
        return URI.create("http://127.0.0.1:" + backend.property("server.port") + path);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The demo WAR on the Open Liberty server that {@code mvn -Pliberty package} created in {@code wlp}, registering
     * as {@code agentId}; configured through environment variables, as MicroProfile Config maps them.
     */
    JavaProcess startLibertyBackend(Path wlp, String agentId) {
        String port = String.valueOf(FreePort.find());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DEMO_HTTP_PORT", port);
        env.put("DEMO_HTTP_HOST", "127.0.0.1");
        env.put("WLP_LOGGING_CONSOLE_LOGLEVEL", "INFO");
        env.put("INTELI_AGENT_PROXIES", registryUrl());
        env.put("INTELI_SECRET", SECRET);
        env.put("INTELI_AGENT_TLS_PIN", pin());
        env.put("INTELI_AGENT_ID", agentId);
        env.put("INTELI_AGENT_URL", "http://127.0.0.1:" + port);
        env.put("INTELI_AGENT_BACKOFF_MAX", BACKOFF_MAX.toMillis() + "ms");
        return track(new JavaProcess(agentId, List.of(wlp.resolve("bin/server").toString(), "run", "demo"), env,
                Map.of("server.port", port), dir).start());
    }

    JavaProcess startBackend(String agentId) {
        return startBackend(agentId, Map.of());
    }

    /** Backends as the admin API lists them: agent id to state. */
    Map<String, String> backends() {
        return AdminBackends.parse(adminGet("/admin/backends"));
    }

    void awaitBackends(Duration timeout, Map<String, String> expected) {
        Poll.until(() -> "backends " + expected + ", admin API says " + safeBackends(), timeout, POLL,
                   () -> safeBackends().equals(expected));
    }

    private Map<String, String> safeBackends() {
        try {
            return backends();
        } catch (RuntimeException e) {
            return Map.of("<admin API unavailable>", String.valueOf(e.getMessage()));
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + dataPort + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    URI dataPlane() {
        return URI.create("http://" + host + ":" + dataPort);
    }

    private String adminGet(String path) {
        HttpResponse<String> response = controlGet(path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("admin API answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A GET on the control plane with the admin token, trusting the proxy's pinned certificate only. */
    HttpResponse<String> controlGet(String path) {
        try {
            return adminClient().send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + controlPort + path))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Trusts the proxy's own certificate, by the fingerprint it logged, and nothing else, as an agent does (the
     * agent's own pin check): the pin is the identity, so the address connected to (127.0.0.2 for a fleet's proxy)
     * is not checked against it.
     */
    private synchronized HttpClient adminClient() {
        if (admin == null) {
            admin = HttpClient.newBuilder().sslContext(pinnedTls()).connectTimeout(Duration.ofSeconds(5)).build();
        }
        return admin;
    }

    /** TLS that trusts the proxy's control-plane certificate by its logged fingerprint, as an agent does. */
    SSLContext pinnedTls() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new PinnedTrustManager(List.of(pin().replace(":", "")))}, null);
            return tls;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String dataHost() {
        return host;
    }

    int controlPort() {
        return controlPort;
    }

    /** Starts any process (a non-Java backend, a registrar) and kills it with the others in {@link #close}. */
    JavaProcess start(JavaProcess process) {
        return track(process.start());
    }

    private JavaProcess track(JavaProcess process) {
        processes.add(process);
        return process;
    }

    @Override
    public void close() {
        processes.forEach(JavaProcess::close);
    }
}
