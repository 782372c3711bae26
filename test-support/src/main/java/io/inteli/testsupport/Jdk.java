package io.inteli.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK a test starts its processes with, chosen as {@code bin/java-env} chooses it for Maven and the proxy:
 * {@code JAVA_HOME} when it is 21 or newer, else the newest JDK 21+ under {@code $INTELI_JVM_DIR} (default
 * {@code /usr/lib/jvm}); failing both, the JVM running the test (itself 21+, as the tests are compiled for 21).
 */
public final class Jdk {
    static final int MINIMUM = 21;
    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
    private static final Path HOME = find(System.getenv("JAVA_HOME"), System.getenv("INTELI_JVM_DIR"),
                                          Path.of(System.getProperty("java.home")));

    private Jdk() {
    }

    /** The JDK's home, also passed on as {@code JAVA_HOME} to started processes (scripts source bin/java-env). */
    public static Path home() {
        return HOME;
    }

    /** Its {@code bin/java}. */
    public static String java() {
        return HOME.resolve("bin").resolve("java").toString();
    }

    /** bin/java-env's choice, given its two variables (either may be null) and what to use when it finds none. */
    static Path find(String javaHome, String jvmDir, Path fallback) {
        if (javaHome != null && major(Path.of(javaHome)) >= MINIMUM) {
            return Path.of(javaHome);
        }
        Path dir = Path.of(jvmDir != null ? jvmDir : "/usr/lib/jvm");
        List<Path> candidates;
        try (Stream<Path> entries = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            candidates = entries.filter(home -> Files.isExecutable(home.resolve("bin/javac")))
                    .filter(home -> major(home) >= MINIMUM).toList();
        } catch (IOException e) {
            candidates = List.of();
        }
        return candidates.stream().max(Comparator.comparingInt(Jdk::major)).orElse(fallback);
    }

    /** The major version its {@code release} file names, 0 when it is no JDK. */
    static int major(Path home) {
        if (!Files.isExecutable(home.resolve("bin/java"))) {
            return 0;
        }
        try {
            Matcher m = VERSION.matcher(Files.readString(home.resolve("release")));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
