package io.inteli.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tests' one process launcher: {@code java -jar} or a main class in a JVM of its own (the {@link Jdk}), or any
 * other command (a script, a Liberty server), with its output in a log file, so that a test can wait for a log line
 * with a deadline and a failed test shows what the process said. {@link #close()} stops it with SIGTERM and, after
 * the grace time, SIGKILL, together with whatever it started.
 */
public final class JavaProcess implements AutoCloseable {
    /** Fast start-up matters more than peak speed for processes that live a few seconds. */
    public static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xss512k", "-Xmx256m");

    private final String name;
    private final Map<String, String> properties;
    private final Path log;
    private final Path errorLog;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path directory;
    private final Duration stopGrace;
    private Process process;

    /** {@code java -jar} with the {@link #FAST_START} options and {@code properties} as {@code -D} options. */
    public JavaProcess(String name, Path jar, Map<String, String> properties, Path logDir) {
        this(builder(name, logDir).jar(jar, FAST_START, properties));
    }

    /** Any command; {@code properties} are only recorded (for {@link #property}), {@code environment} is passed. */
    public JavaProcess(String name, List<String> command, Map<String, String> environment,
                       Map<String, String> properties, Path logDir) {
        this(builder(name, logDir).command(command).environment(environment).properties(properties));
    }

    private JavaProcess(Builder b) {
        this.name = b.name;
        this.properties = Map.copyOf(b.properties);
        this.log = b.logDir.resolve(b.name + ".log");
        this.errorLog = b.errorsApart ? b.logDir.resolve(b.name + ".err.log") : null;
        this.command = List.copyOf(b.command);
        this.environment = Map.copyOf(b.environment);
        this.directory = b.directory;
        this.stopGrace = b.stopGrace;
    }

    /** Everything else: JVM options, a main class on the test's class path, a working directory, stderr apart. */
    public static Builder builder(String name, Path logDir) {
        return new Builder(name, logDir);
    }

    /** The class path of the running test, for a main class of the module under test in a JVM of its own. */
    public static String testClassPath() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }

    public JavaProcess start() {
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    // Appends: a restarted process keeps its earlier output in the same file.
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (errorLog == null) {
                builder.redirectErrorStream(true);
            } else {
                builder.redirectError(ProcessBuilder.Redirect.appendTo(errorLog.toFile()));
            }
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().put("JAVA_HOME", Jdk.home().toString());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        return this;
    }

    public String property(String key) {
        return properties.get(key);
    }

    public String name() {
        return name;
    }

    /** What it wrote (stdout, and stderr unless kept apart) so far. */
    public String output() {
        return read(log);
    }

    /** What it wrote to stderr, when the builder kept it apart. */
    public String errors() {
        if (errorLog == null) {
            throw new IllegalStateException(name + " writes stderr into its output");
        }
        return read(errorLog);
    }

    public boolean logged(String text) {
        return output().contains(text);
    }

    public void awaitLog(String text, Duration timeout) {
        awaitLog(text, 1, timeout);
    }

    /** Waits until {@code text} has been logged {@code times} times (a restarted process appends to its log). */
    public void awaitLog(String text, int times, Duration timeout) {
        Poll.until(() -> name + " to log \"" + text + "\" " + times + " times; it said:\n" + tail(), timeout,
                   Duration.ofMillis(50), () -> {
                    boolean done = count(text) >= times;
                    if (!done && process != null && !process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue() + " before logging \""
                                + text + "\":\n" + tail());
                    }
                    return done;
                });
    }

    public int count(String text) {
        String out = output();
        int n = 0;
        for (int i = out.indexOf(text); i >= 0; i = out.indexOf(text, i + text.length())) {
            n++;
        }
        return n;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** SIGTERM: the JVM runs its shutdown hooks, so the application shuts down gracefully. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: gone at once, nothing runs. */
    public void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM, as an orchestrator stops it; the exit code, when it ends within the timeout. */
    public int terminate(Duration timeout) {
        terminate();
        return awaitExit(timeout);
    }

    public int awaitExit(Duration timeout) {
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

    public String tail() {
        String out = output() + (errorLog == null ? "" : read(errorLog));
        return out.length() > 6000 ? out.substring(out.length() - 6000) : out;
    }

    /**
     * Stops whatever still runs, also when a test failed half-way: SIGTERM, then SIGKILL after the builder's
     * {@linkplain Builder#stopGrace grace time} (none by default: a test that cares stops it itself first).
     */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            if (process.isAlive() && stopGrace.isPositive()) {
                process.destroy();
                process.waitFor(stopGrace.toMillis(), TimeUnit.MILLISECONDS);
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            if (process.isAlive()) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to start one process; {@link #build()} or {@link #start()} it. */
    public static final class Builder {
        private final String name;
        private final Path logDir;
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path directory;
        private boolean errorsApart;
        private Duration stopGrace = Duration.ZERO;

        private Builder(String name, Path logDir) {
            this.name = name;
            this.logDir = logDir;
        }

        /** {@code java <options> -D<properties> -jar <jar> <arguments>} with the {@link Jdk}. */
        public Builder jar(Path jar, List<String> jvmOptions, Map<String, String> properties, String... arguments) {
            return java(jvmOptions, properties, List.of("-jar", jar.toString()), arguments);
        }

        /** {@code java <options> -D<properties> -cp <the test's class path> <main class> <arguments>}. */
        public Builder mainClass(Class<?> main, List<String> jvmOptions, Map<String, String> properties,
                                 String... arguments) {
            return java(jvmOptions, properties, List.of("-cp", testClassPath(), main.getName()), arguments);
        }

        private Builder java(List<String> jvmOptions, Map<String, String> properties, List<String> what,
                             String... arguments) {
            command.clear();
            command.add(Jdk.java());
            command.addAll(jvmOptions);
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(what);
            command.addAll(List.of(arguments));
            this.properties.putAll(properties);
            return this;
        }

        /** Any command, such as a script that picks its JDK from {@code JAVA_HOME}. */
        public Builder command(List<String> command) {
            this.command.clear();
            this.command.addAll(command);
            return this;
        }

        /** Recorded for {@link JavaProcess#property}, not passed (the command carries them its own way). */
        public Builder properties(Map<String, String> properties) {
            this.properties.putAll(properties);
            return this;
        }

        public Builder environment(Map<String, String> environment) {
            this.environment.putAll(environment);
            return this;
        }

        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** stderr into a file of its own ({@link JavaProcess#errors()}), for tests of what goes to which stream. */
        public Builder errorsApart() {
            this.errorsApart = true;
            return this;
        }

        /** How long {@link JavaProcess#close()} lets it shut down after SIGTERM before SIGKILL. */
        public Builder stopGrace(Duration grace) {
            this.stopGrace = grace;
            return this;
        }

        public JavaProcess build() {
            if (command.isEmpty()) {
                throw new IllegalStateException("no command for " + name);
            }
            return new JavaProcess(this);
        }

        public JavaProcess start() {
            return build().start();
        }
    }
}
