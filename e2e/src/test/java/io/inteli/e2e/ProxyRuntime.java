package io.inteli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.inteli.testsupport.JavaProcess;

/**
 * A runtime the proxy runs on, as the tests start it: the same settings ({@code server.port}, {@code inteli.*}) go
 * to the Helidon jar as system properties and to the Open Liberty server as environment variables, the way
 * MicroProfile Config and the server.xml's variables read them.
 */
interface ProxyRuntime {
    /** The Helidon MP jar, {@code proxy/target/inteli-proxy.jar}. */
    ProxyRuntime HELIDON = new ProxyRuntime() {
        private final Path jar = Path.of(System.getProperty("inteli.e2e.proxy-jar", "../proxy/target/inteli-proxy.jar"));

        @Override
        public JavaProcess process(String name, Map<String, String> settings, Path dir) {
            return new JavaProcess(name, jar, settings, dir);
        }

        @Override
        public String listening() {
            return "bound for socket 'control'";
        }

        @Override
        public Path artifact() {
            return jar;
        }

        @Override
        public String toString() {
            return "Helidon";
        }
    };

    /** The WAR on the Open Liberty server {@code mvn -Pliberty package} made in {@code proxy-liberty/target}. */
    ProxyRuntime LIBERTY = new ProxyRuntime() {
        private final Path wlp = Path.of(System.getProperty("inteli.e2e.proxy-liberty-dir",
                "../proxy-liberty/target/liberty/wlp"));

        @Override
        public JavaProcess process(String name, Map<String, String> settings, Path dir) {
            Map<String, String> env = new LinkedHashMap<>();
            settings.forEach((key, value) -> env.put(environmentName(key), value));
            // logs, the work area and Liberty's generated keystore in the test's folder, not in the shared server
            env.put("WLP_OUTPUT_DIR", dir.resolve(name + "-liberty").toString());
            env.put("WLP_LOGGING_CONSOLE_LOGLEVEL", "INFO");
            return new JavaProcess(name, List.of(wlp.resolve("bin/server").toString(), "run", "proxy"), env, settings,
                                   dir);
        }

        @Override
        public String listening() {
            // "The proxy server is ready to run a smarter planet": endpoints open and the WAR started
            return "CWWKF0011I";
        }

        @Override
        public Path artifact() {
            return wlp.resolve("bin/server");
        }

        @Override
        public String toString() {
            return "Open Liberty";
        }
    };

    /** The proxy as a process, not started yet. */
    JavaProcess process(String name, Map<String, String> settings, Path dir);

    /** What the proxy logs once both planes listen. */
    String listening();

    /** What must have been built first. */
    Path artifact();

    default boolean built() {
        return Files.exists(artifact());
    }

    /** MicroProfile Config's (and Liberty's variables') environment form of a key: INTELI_CONTROL_PORT. */
    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
