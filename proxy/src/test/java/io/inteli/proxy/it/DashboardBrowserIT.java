package io.inteli.proxy.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.inteli.testsupport.TestAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser: the packaged proxy, two backends registered through the real control plane,
 * headless Chromium driven by playwright-core (e2e-browser/dashboard.mjs). Both backends show; one stops and its
 * row is gone within a second; the screenshot for the README is saved on the way.
 */
class DashboardBrowserIT {
    private static final String SECRET = "browser-it-agent-secret-0123456789abcdef";
    private static final String ADMIN_TOKEN = "browser-it-admin-token-0123456789abcdef";
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    @Test
    void showsBothBackendsAndDropsTheStoppedOneWithinASecond() throws Exception {
        BrowserPrerequisites.ensure(Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent());
        URI one = backend("web-1");
        URI two = backend("web-2");
        ProxyProcess proxy = closing(ProxyProcess.startWithLauncher(List.of("inteli.secret=" + SECRET,
                                                                             "inteli.admin.token=" + ADMIN_TOKEN))
                                             .awaitListening());
        closing(TestAgent.register(proxy.controlPort, proxy.stateDir, SECRET, "web-1", one));
        TestAgent second = closing(TestAgent.register(proxy.controlPort, proxy.stateDir, SECRET, "web-2", two));

        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        Process browser = new ProcessBuilder("node", root.resolve("e2e-browser/dashboard.mjs").toString(),
                "https://127.0.0.1:" + proxy.controlPort + "/dashboard?token=" + ADMIN_TOKEN,
                // into target/, so that a test run leaves the work tree clean; docs/dashboard*.png are copies
                root.resolve("proxy/target/dashboard.png").toString(), "web-1,web-2", "web-2")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        closing(browser::destroyForcibly);
        BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8);

        assertEquals("visible", out.readLine());
        traffic(proxy.dataPort, Duration.ofSeconds(4));
        say(in, "screenshot");
        assertEquals("screenshot-saved", out.readLine());
        assertEquals("buttons-work", out.readLine());

        say(in, "stopping");
        second.stop();
        String gone = out.readLine();
        in.close();
        assertTrue(gone != null && gone.startsWith("gone "), "the browser said: " + gone);
        assertTrue(browser.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, browser.exitValue());
    }

    /** Some requests through the data plane, so that the totals and the chart have something to show. */
    private static void traffic(int dataPort, Duration duration) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dataPort + "/hello"))
                .timeout(Duration.ofSeconds(5)).build();
        long end = System.nanoTime() + duration.toNanos();
        for (int i = 0; i < 20_000 && System.nanoTime() < end; i++) {
            client.send(request, HttpResponse.BodyHandlers.discarding());
            TimeUnit.MILLISECONDS.sleep(i % 40 == 0 ? 150 : 5); // an uneven rate makes a readable chart
        }
    }

    private URI backend(String name) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = ("hello from " + name + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        resources.add(() -> server.stop(0));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void say(Writer in, String line) throws Exception {
        in.write(line + "\n");
        in.flush();
    }

    private <T extends AutoCloseable> T closing(T resource) {
        resources.add(resource);
        return resource;
    }
}
