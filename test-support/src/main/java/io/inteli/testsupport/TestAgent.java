package io.inteli.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import io.inteli.protocol.Message;
import io.inteli.protocol.MessageCodec;
import io.inteli.protocol.Protocol;
import io.inteli.protocol.Signatures;

/**
 * A backend's side of protocol v1 for tests, the tests' one agent client: the JDK's WebSocket client (over TLS or
 * plain; it answers the proxy's pings with their payload by itself, so a registered agent stays registered), the
 * protocol module's messages, codec and signature. It does what a well-behaved agent does (challenge, signed auth,
 * start, stop); the proxy's tests of hostile or silent clients write frames themselves (control's RawAgent).
 */
public final class TestAgent implements AutoCloseable {
    /** The proxy's generated control keystore in its state directory, and its fixed password (proxy's ControlTls). */
    public static final String GENERATED_KEYSTORE = "control-keystore.p12";
    public static final String GENERATED_KEYSTORE_PASSWORD = "inteli-control-keystore";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Listener listener;
    private final WebSocket socket;

    private TestAgent(Listener listener, WebSocket socket) {
        this.listener = listener;
        this.socket = socket;
    }

    /**
     * Connects, authenticates and starts one backend with weight 1 on every path; returns once the proxy answered
     * {@code started}. The proxy listens on 127.0.0.1 with TLS and the certificate it generated into its state
     * directory, which is the only one trusted.
     */
    public static TestAgent register(int controlPort, Path stateDir, String secret, String agentId, URI url)
            throws Exception {
        return register(URI.create("wss://127.0.0.1:" + controlPort + Protocol.PATH),
                        TestTls.trusting(stateDir.resolve(GENERATED_KEYSTORE), GENERATED_KEYSTORE_PASSWORD),
                        secret, agentId, url);
    }

    /** As above, at any registry URL ({@code ws://} or {@code wss://}, trusting what {@code tls} trusts). */
    public static TestAgent register(URI registry, SSLContext tls, String secret, String agentId, URI url)
            throws Exception {
        TestAgent agent = connect(registry, tls);
        try {
            agent.authenticate(agentId, secret);
            agent.start(new Message.Start(url.toString(), 1, List.of("/")));
            return agent;
        } catch (Exception | AssertionError e) {
            agent.close();
            throw e;
        }
    }

    /** Opens the WebSocket with the protocol's subprotocol; the proxy's {@code challenge} is the next message. */
    public static TestAgent connect(URI registry, SSLContext tls) throws Exception {
        Listener listener = new Listener();
        HttpClient.Builder client = HttpClient.newBuilder();
        if (tls != null) {
            client.sslContext(tls);
        }
        WebSocket socket = client.build()
                .newWebSocketBuilder()
                .subprotocols(Protocol.SUBPROTOCOL)
                .connectTimeout(WAIT)
                .buildAsync(registry, listener)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return new TestAgent(listener, socket);
    }

    /** Answers the challenge with the HMAC signature of the secret and expects {@code accepted}. */
    public Message.Accepted authenticate(String agentId, String secret) throws Exception {
        Message.Challenge challenge = expect(Message.Challenge.class);
        send(new Message.Auth(agentId, Signatures.sign(secret, challenge.nonce(), agentId)));
        return expect(Message.Accepted.class);
    }

    /** Sends {@code start} and waits for {@code started}. */
    public Message.Started start(Message.Start start) throws Exception {
        send(start);
        return expect(Message.Started.class);
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

    /** Drops the connection without a close handshake. */
    @Override
    public void close() {
        socket.abort();
    }

    public void send(Message message) throws Exception {
        socket.sendText(MessageCodec.encode(message), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next message, which must be of that type. */
    public <T extends Message> T expect(Class<T> type) throws Exception {
        Message message = listener.received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (!type.isInstance(message)) {
            throw new AssertionError("expected " + type.getSimpleName() + ", got " + message
                                             + (listener.closed.isDone() ? " (closed)" : ""));
        }
        return type.cast(message);
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
