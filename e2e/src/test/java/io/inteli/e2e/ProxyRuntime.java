package io.inteli.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        public List<String> listening() {
            return List.of("bound for socket 'control'");
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
        public List<String> listening() {
            // the WAR started; the control plane's TLS endpoint may open after the server says it is ready
            return List.of("CWWKZ0001I: Application inteli-proxy-liberty started",
                           "TCP Channel defaultHttpEndpoint has been started",
                           "TCP Channel controlHttpEndpoint-ssl has been started");
        }

        @Override
        public Path artifact() {
            return wlp.resolve("bin/server");
        }

        @Override
        public Duration startTimeout() {
            // a fresh output folder: Liberty resolves its features and makes its keystore again
            return Duration.ofSeconds(120);
        }

        @Override
        public String toString() {
            return "Open Liberty";
        }
    };

    /** The proxy as a process, not started yet. */
    JavaProcess process(String name, Map<String, String> settings, Path dir);

    /** What the proxy logs, each once, by the time both planes listen. */
    List<String> listening();

    default Duration startTimeout() {
        return Cluster.START_TIMEOUT;
    }

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
