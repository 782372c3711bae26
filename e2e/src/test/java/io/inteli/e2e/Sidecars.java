package io.inteli.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.inteli.testsupport.FreePort;
import io.inteli.testsupport.JavaProcess;

/**
 * Backends that are not Java (Python's {@code http.server}, a Node {@code http} server) and the registrar that
 * registers each of them, as separate processes of a {@link Cluster}.
 */
final class Sidecars {
    static final Path REGISTRAR_JAR = Path.of(System.getProperty("inteli.e2e.registrar-jar",
            "../registrar/target/inteli-registrar.jar"));
    /**
     * A Node backend: answers {@code hello from NAME} after {@code ?ms=} milliseconds; {@code /health} answers 503
     * while the file FLAG exists, else 200.
     */
    private static final String NODE_SERVER = """
            const http = require('http');
            const fs = require('fs');
            const [port, name, flag] = process.argv.slice(2);
            http.createServer((req, res) => {
              const url = new URL(req.url, 'http://backend');
              if (url.pathname === '/health') {
                const up = !fs.existsSync(flag);
                res.writeHead(up ? 200 : 503, {'content-type': 'text/plain'});
                res.end(up ? 'UP' : 'DOWN');
                return;
              }
              setTimeout(() => {
                res.writeHead(200, {'content-type': 'text/plain'});
                res.end('hello from ' + name + '\\n');
              }, Number(url.searchParams.get('ms') || 0));
            }).listen(Number(port), '127.0.0.1', () => console.log('listening on ' + port));
            """;

    private final Cluster cluster;
    private final Path dir;

    Sidecars(Cluster cluster, Path dir) {
        this.cluster = cluster;
        this.dir = dir;
        if (!Files.isRegularFile(REGISTRAR_JAR)) {
            throw new IllegalStateException("package the registrar first: " + REGISTRAR_JAR);
        }
    }

    /**
     * {@code python3 -m http.server} serving a folder whose {@code index.html} and {@code slow} say
     * {@code hello from NAME} (the query string is ignored, so {@code /slow?ms=100} is that file too).
     */
    JavaProcess python(String name) {
        int port = FreePort.find();
        Path www = dir.resolve(name + "-www");
        try {
            Files.createDirectories(www);
            Files.writeString(www.resolve("index.html"), "hello from " + name + "\n");
            Files.writeString(www.resolve("slow"), "hello from " + name + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaProcess backend = cluster.start(new JavaProcess(name, List.of("python3", "-m", "http.server",
                String.valueOf(port), "--bind", "127.0.0.1", "--directory", www.toString()), Map.of(),
                Map.of("server.port", String.valueOf(port)), dir));
        return backend;
    }

    /** A Node {@code http} server; its {@code /health} fails while {@link #unhealthyFlag} exists. */
    JavaProcess node(String name) {
        int port = FreePort.find();
        Path script = dir.resolve("node-backend.js");
        try {
            Files.writeString(script, NODE_SERVER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavaProcess backend = cluster.start(new JavaProcess(name, List.of("node", script.toString(),
                String.valueOf(port), name, unhealthyFlag(name).toString()), Map.of(),
                Map.of("server.port", String.valueOf(port)), dir));
        backend.awaitLog("listening on " + port, Cluster.START_TIMEOUT);
        return backend;
    }

    Path unhealthyFlag(String name) {
        return dir.resolve(name + ".unhealthy");
    }

    /** The settings a registrar needs for {@code backend} and this cluster's proxy; {@code extra} overrides. */
    Map<String, String> settings(JavaProcess backend, Map<String, String> extra) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("inteli.agent.proxies", cluster.registryUrl());
        config.put("inteli.secret", Cluster.SECRET);
        config.put("inteli.agent.tls.pin", cluster.pin());
        config.put("inteli.agent.id", backend.name());
        config.put("inteli.agent.url", "http://127.0.0.1:" + backend.property("server.port"));
        config.put("inteli.agent.backoff-max", Cluster.BACKOFF_MAX.toMillis() + "ms");
        config.putAll(extra);
        return config;
    }

    /** {@code java -jar inteli-registrar.jar} with {@code settings} as {@code -D} options. */
    JavaProcess registrar(String name, Map<String, String> settings) {
        return cluster.start(new JavaProcess(name, REGISTRAR_JAR, settings, dir));
    }

    /** The registrar configured by environment variables only, plus command-line arguments. */
    JavaProcess registrarWithEnvironment(String name, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", REGISTRAR_JAR.toString()));
        command.addAll(List.of(args));
        return cluster.start(new JavaProcess(name, command, environment, Map.of(), dir));
    }
}
