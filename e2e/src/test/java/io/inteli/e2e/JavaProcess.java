package io.inteli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar} in its own JVM (or another command, such as a Liberty server) with its output in a file, so
 * that a test can wait for a log line and a failed test shows what the process said.
 */
final class JavaProcess implements AutoCloseable {
    /** Fast start-up matters more than peak speed for processes that live a few seconds. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xss512k", "-Xmx256m");

    private final String name;
    private final Map<String, String> properties;
    private final Path log;
    private final List<String> command;
    private final Map<String, String> environment;
    private Process process;

    JavaProcess(String name, Path jar, Map<String, String> properties, Path logDir) {
        this.name = name;
        this.properties = properties;
        this.log = logDir.resolve(name + ".log");
        this.command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        this.environment = Map.of();
    }

    /** Any command; {@code properties} are only recorded (for {@link #property}), {@code environment} is passed. */
    JavaProcess(String name, List<String> command, Map<String, String> environment, Map<String, String> properties,
                Path logDir) {
        this.name = name;
        this.properties = properties;
        this.log = logDir.resolve(name + ".log");
        this.command = List.copyOf(command);
        this.environment = environment;
    }

    JavaProcess start() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    // Appends: a restarted process keeps its earlier output in the same file.
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    String property(String key) {
        return properties.get(key);
    }

    String name() {
        return name;
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean logged(String text) {
        return output().contains(text);
    }

    void awaitLog(String text, Duration timeout) {
        awaitLog(text, 1, timeout);
    }

    /** Waits until {@code text} has been logged {@code times} times (a restarted process appends to its log). */
    void awaitLog(String text, int times, Duration timeout) {
        Deadline.await(timeout, () -> name + " to log \"" + text + "\" " + times + " times; it said:\n" + tail(),
                () -> {
                    boolean done = count(text) >= times;
                    if (!done && process != null && !process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + " before logging \""
                                + text + "\":\n" + tail());
                    }
                    return done;
                });
    }

    int count(String text) {
        String out = output();
        int n = 0;
        for (int i = out.indexOf(text); i >= 0; i = out.indexOf(text, i + text.length())) {
            n++;
        }
        return n;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM: the JVM runs its shutdown hooks, so the application shuts down gracefully. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: gone at once, nothing runs. */
    void kill() {
        process.destroyForcibly();
    }

    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " still runs after " + timeout.toMillis() + " ms:\n" + tail());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    String tail() {
        String out = output();
        return out.length() > 6000 ? out.substring(out.length() - 6000) : out;
    }

    /** Kills whatever still runs, also when a test failed half-way. */
    @Override
    public void close() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
