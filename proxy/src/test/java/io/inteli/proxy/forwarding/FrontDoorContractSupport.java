package io.inteli.proxy.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.testsupport.Poll;
import io.inteli.proxy.testsupport.RemovesBackendsAfterEach;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.AfterEach;

/** What a test of the running proxy needs: real backends, the real registry, clients, waiting on conditions. */
@RemovesBackendsAfterEach
abstract class FrontDoorContractSupport {

    @Inject
    BackendRegistry registry;
    @Inject
    ServerCdiExtension server;
    @Inject
    MetricRegistry metrics;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @AfterEach
    void closeBackends() throws Exception {
        for (AutoCloseable c : closeAfter) {
            c.close();
        }
    }

    TestBackend backend(String name) throws IOException {
        return closedAfterTheTest(new TestBackend(name));
    }

    /** {@code resource}, to be closed after the test, in the order given. */
    <T extends AutoCloseable> T closedAfterTheTest(T resource) {
        closeAfter.add(resource);
        return resource;
    }

    /** A new backend, registered for every path. */
    TestBackend registered(String name) throws IOException {
        TestBackend b = backend(name);
        register(b);
        return b;
    }

    Backend register(TestBackend b, String... routes) {
        return registry.register(b.name, b.url(), 1, routes.length == 0 ? List.of("/") : List.of(routes));
    }

    int port() {
        return server.port();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The request header lines the backend saw, from its echo. */
    static Map<String, List<String>> echoed(String body) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String line : body.substring(0, body.indexOf("\n\n")).split("\n")) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>()).add(line.substring(colon + 2));
        }
        return headers;
    }

    static void await(String what, BooleanSupplier condition) {
        Poll.until(what, Duration.ofSeconds(10), condition::getAsBoolean);
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String bodyOf(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            String head = RawHttp.readHead(in);
            int at = head.toLowerCase().indexOf("content-length: ");
            int length = Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)).trim());
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
    }
}
