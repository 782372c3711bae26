package io.inteli.agent;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.inteli.protocol.Message;
import io.inteli.protocol.MessageCodec;
import io.inteli.protocol.Protocol;
import io.inteli.protocol.ProtocolException;
import io.inteli.protocol.Signatures;

/**
 * The proxy's side of protocol v1, reduced to what the agent's tests need, on a real WebSocket server (plain
 * {@code ws://}; TLS is tested on its own). Records what the agent sent.
 */
final class ScriptedProxy implements AutoCloseable {
    final List<Message> received = new CopyOnWriteArrayList<>();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger authFailures = new AtomicInteger();
    private volatile long firstConnectionAt;
    private final String secret;
    private volatile boolean answerStop = true;
    private volatile long stopDelayMs;
    private volatile WsSession current;
    private final WebServer server;

    ScriptedProxy(String secret) {
        this.secret = secret;
        this.server = WebServer.builder().host("127.0.0.1").port(0)
                .addRouting(WsRouting.builder().endpoint(Protocol.PATH, Listener::new))
                .build().start();
    }

    String url() {
        return "ws://127.0.0.1:" + server.port() + Protocol.PATH;
    }

    long firstConnectionAt() {
        return firstConnectionAt;
    }

    void neverAnswerStop() {
        answerStop = false;
    }

    void answerStopAfter(long ms) {
        stopDelayMs = ms;
    }

    /** Closes the current registration's socket, as a proxy going away does. */
    void dropConnection() {
        current.close(Protocol.CLOSE_GOING_AWAY, "proxy going away");
    }

    <T extends Message> List<T> received(Class<T> type) {
        return received.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Listener implements WsListener {
        private String nonce;

        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
            WritableHeaders<?> answer = WritableHeaders.create();
            answer.set(HeaderNames.create("Sec-WebSocket-Protocol"), Protocol.SUBPROTOCOL);
            return Optional.of(answer);
        }

        /** As the real proxy does: the agent takes a proxy that answers no ping for gone. */
        @Override
        public void onPing(WsSession session, BufferData buffer) {
            session.pong(buffer);
        }

        @Override
        public void onOpen(WsSession session) {
            if (connections.getAndIncrement() == 0) {
                firstConnectionAt = System.nanoTime();
            }
            current = session;
            nonce = Signatures.newNonce();
            send(session, new Message.Challenge(Protocol.VERSION, nonce));
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            Message message;
            try {
                message = MessageCodec.decode(text);
            } catch (ProtocolException e) {
                session.close(e.closeCode(), e.reason());
                return;
            }
            received.add(message);
            switch (message) {
            case Message.Auth auth -> {
                if (Signatures.verify(List.of(secret), nonce, auth.agentId(), auth.signature())) {
                    send(session, new Message.Accepted(200));
                } else {
                    authFailures.incrementAndGet();
                    session.close(Protocol.CLOSE_POLICY_VIOLATION, Protocol.AUTHENTICATION_FAILED);
                }
            }
            case Message.Start start -> send(session, new Message.Started());
            case Message.Stop stop -> {
                if (answerStop) {
                    Thread.ofVirtual().start(() -> {
                        try {
                            Thread.sleep(stopDelayMs);
                        } catch (InterruptedException e) {
                            return;
                        }
                        send(session, new Message.Stopped());
                        session.close(Protocol.CLOSE_NORMAL, "");
                    });
                }
            }
            default -> { }
            }
        }

        private void send(WsSession session, Message message) {
            session.send(MessageCodec.encode(message), true);
        }
    }
}
