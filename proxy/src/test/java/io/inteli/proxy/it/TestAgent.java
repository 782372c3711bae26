package io.inteli.proxy.it;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.inteli.protocol.Message;
import io.inteli.protocol.MessageCodec;
import io.inteli.protocol.Protocol;
import io.inteli.protocol.Signatures;

/**
 * A minimal agent for the tests: protocol v1 over the JDK's WebSocket client, trusting only the certificate the
 * proxy generated in its state directory. It answers pings (the JDK client does) and holds the registration
 * until closed.
 */
final class TestAgent implements AutoCloseable {
    private final WebSocket socket;

    private TestAgent(WebSocket socket) {
        this.socket = socket;
    }

    static TestAgent register(ProxyProcess proxy, String secret, String id, URI backend) throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(proxy.stateDir)).build();
        WebSocket socket = client.newWebSocketBuilder()
                .subprotocols(Protocol.SUBPROTOCOL)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("wss://127.0.0.1:" + proxy.controlPort + Protocol.PATH), new WebSocket.Listener() {
                    private final StringBuilder frame = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        frame.append(data);
                        if (last) {
                            try {
                                Message message = MessageCodec.decode(frame.toString());
                                frame.setLength(0);
                                switch (message) {
                                case Message.Challenge c -> ws.sendText(MessageCodec.encode(
                                        new Message.Auth(id, Signatures.sign(secret, c.nonce(), id))), true);
                                case Message.Accepted a -> ws.sendText(MessageCodec.encode(
                                        new Message.Start(backend.toString(), 1, List.of("/"))), true);
                                case Message.Started s -> started.complete(null);
                                default -> {
                                }
                                }
                            } catch (Exception e) {
                                started.completeExceptionally(e);
                            }
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                        started.completeExceptionally(new IllegalStateException("closed " + status + " " + reason));
                        return null;
                    }

                    @Override
                    public void onError(WebSocket ws, Throwable error) {
                        started.completeExceptionally(error);
                    }
                }).get(10, TimeUnit.SECONDS);
        started.get(10, TimeUnit.SECONDS);
        return new TestAgent(socket);
    }

    private static SSLContext trusting(Path stateDir) throws Exception {
        String password = Files.readString(stateDir.resolve("control-keystore.password")).trim();
        KeyStore generated = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(stateDir.resolve("control-keystore.p12"))) {
            generated.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (String alias : Collections.list(generated.aliases())) {
            Certificate certificate = generated.getCertificate(alias);
            if (certificate != null) {
                trusted.setCertificateEntry(alias, certificate);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() throws Exception {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "test over").get(5, TimeUnit.SECONDS);
    }
}
