package io.inteli.proxy.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.inteli.testsupport.TestTls;
import jakarta.enterprise.inject.spi.CDI;

/**
 * HTTPS to the control socket of the proxy running in this test. The certificate is self-signed and pinned by
 * agents; the tests that care compare fingerprints themselves, so the handshake trusts any certificate.
 */
public final class ControlPlaneClient {
    private final HttpClient client = HttpClient.newBuilder().sslContext(TestTls.trustAll())
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static int controlPort() {
        return CDI.current().select(ServerCdiExtension.class).get().port("control");
    }

    public static int dataPort() {
        return CDI.current().select(ServerCdiExtension.class).get().port();
    }

    public HttpResponse<String> get(int port, String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> getPlain(int port, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                   .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
