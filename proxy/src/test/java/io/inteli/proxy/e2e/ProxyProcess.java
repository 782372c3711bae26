package io.inteli.proxy.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged proxy in a JVM of its own, started by the launcher {@code bin/inteli-proxy} as an operator would,
 * on ephemeral ports (read back from its log) with a state directory of its own. Its output goes to a log file.
 */
final class ProxyProcess implements AutoCloseable {
    static final String SECRET = "e2e-agent-secret-0123456789abcdef0123";
    static final String ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef0123";
    private static final Pattern BOUND = Pattern.compile("https?://\\S+:(\\d+) bound for socket '([^']+)'");

    private final Process process;
    private final Path stateDir;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();

    private ProxyProcess(Process process, Path stateDir, Path log) {
        this.process = process;
        this.stateDir = stateDir;
        Thread.ofPlatform().daemon().name("proxy-output").start(() -> pump(log));
    }

    static ProxyProcess start(String name, String... properties) throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        Path work = Files.createDirectories(Path.of("target", "e2e", name).toAbsolutePath());
        Path stateDir = work.resolve("state");
        List<String> command = new ArrayList<>(List.of(root.resolve("bin/inteli-proxy").toString(),
                "-Dserver.port=0", "-Dserver.host=127.0.0.1",
                "-Dinteli.control.port=0", "-Dinteli.control.host=127.0.0.1",
                "-Dinteli.state-dir=" + stateDir, "-Dinteli.secret=" + SECRET,
                "-Dinteli.admin.token=" + ADMIN_TOKEN));
        command.addAll(List.of(properties));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("INTELI_HEAP", "128m");
        ProxyProcess proxy = new ProxyProcess(builder.start(), stateDir, work.resolve("proxy.log"));
        proxy.awaitPorts();
        return proxy;
    }

    int dataPort() {
        return ports.get("@default");
    }

    int controlPort() {
        return ports.get("control");
    }

    Path stateDir() {
        return stateDir;
    }

    /** What the proxy printed so far. */
    List<String> output() {
        return List.copyOf(lines);
    }

    /** SIGTERM, as an orchestrator stops it; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the proxy did not exit within 60 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void awaitPorts() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(ports.containsKey("@default") && ports.containsKey("control"))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the proxy did not start; its output:\n" + String.join("\n", lines));
            }
            Thread.sleep(20);
        }
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                                                                          StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                out.println(line);
                Matcher m = BOUND.matcher(line);
                if (m.find()) {
                    ports.put(m.group(2), Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            lines.add("(output lost: " + e + ")");
        }
    }
}
