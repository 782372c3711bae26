package io.inteli.proxy.testsupport;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.inteli.protocol.Message;
import io.inteli.protocol.MessageCodec;
import io.inteli.protocol.Protocol;
import io.inteli.protocol.Signatures;

/**
 * A backend's side of protocol v1 for tests: the JDK's WebSocket client, the protocol
 * module's codec and signer, and the proxy's own generated certificate (read from its state directory) as the only
 * trusted one.
 */
public final class TestAgent implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Listener listener;
    private final WebSocket socket;

    private TestAgent(Listener listener, WebSocket socket) {
        this.listener = listener;
        this.socket = socket;
    }

    /** Connects, authenticates and starts; returns once the proxy answered {@code started}. */
    public static TestAgent register(int controlPort, Path stateDir, String secret, String agentId, URI url)
            throws Exception {
        Listener listener = new Listener();
        WebSocket socket = HttpClient.newBuilder().sslContext(trusting(stateDir)).build()
                .newWebSocketBuilder()
                .subprotocols(Protocol.SUBPROTOCOL)
                .connectTimeout(WAIT)
                .buildAsync(URI.create("wss://127.0.0.1:" + controlPort + Protocol.PATH), listener)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        TestAgent agent = new TestAgent(listener, socket);
        Message.Challenge challenge = agent.expect(Message.Challenge.class);
        agent.send(new Message.Auth(agentId, Signatures.sign(secret, challenge.nonce(), agentId)));
        agent.expect(Message.Accepted.class);
        agent.send(new Message.Start(url.toString(), 1, List.of("/")));
        agent.expect(Message.Started.class);
        return agent;
    }

    /** Sends {@code stop} and waits for {@code stopped}. */
    public void stop() throws Exception {
        send(new Message.Stop());
        awaitStopped();
    }

    /** Waits for {@code stopped} (after a stop, or a drain asked by an operator). */
    public void awaitStopped() throws Exception {
        expect(Message.Stopped.class);
    }

    public boolean closed() {
        return listener.closed.isDone();
    }

    /** The close code the proxy sent. */
    public int awaitClose() throws Exception {
        return listener.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private void send(Message message) throws Exception {
        socket.sendText(MessageCodec.encode(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private <T extends Message> T expect(Class<T> type) throws Exception {
        Message message = listener.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!type.isInstance(message)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + message
                                             + (listener.closed.isDone() ? " (closed)" : ""));
        }
        return type.cast(message);
    }

    private static SSLContext trusting(Path stateDir) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        char[] password = "inteli-control-keystore".toCharArray(); // the generated keystore's fixed password (ControlTls)
        try (InputStream in = Files.newInputStream(stateDir.resolve("control-keystore.p12"))) {
            keyStore.load(in, password);
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keyStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String frame = text.toString();
                text.setLength(0);
                try {
                    received.add(MessageCodec.decode(frame));
                } catch (Exception e) {
                    closed.completeExceptionally(e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
