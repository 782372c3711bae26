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
 * {@code java -jar} in its own JVM with its output in a file, so that a test can wait for a log line and a failed
 * test shows what the process said.
 */
final class JavaProcess implements AutoCloseable {
    /** Fast start-up matters more than peak speed for processes that live a few seconds. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xss512k", "-Xmx256m");

    private final String name;
    private final Path jar;
    private final Map<String, String> properties;
    private final Path log;
    private Process process;

    JavaProcess(String name, Path jar, Map<String, String> properties, Path logDir) {
        this.name = name;
        this.jar = jar;
        this.properties = properties;
        this.log = logDir.resolve(name + ".log");
    }

    JavaProcess start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        try {
            // Appends: a restarted process keeps its earlier output in the same file.
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
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
        Deadline.await(timeout, () -> name + " to log \"" + text + "\"; it said:\n" + tail(), () -> {
            if (!logged(text) && process != null && !process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before logging \""
                        + text + "\":\n" + tail());
            }
            return logged(text);
        });
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
