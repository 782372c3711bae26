package io.inteli.agent;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import io.inteli.protocol.Message;
import io.inteli.protocol.MessageCodec;
import io.inteli.protocol.Protocol;
import io.inteli.protocol.ProtocolException;
import io.inteli.protocol.Signatures;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;


/**
 * This backend's registration with one proxy: connects, authenticates, starts, and does it all again after the
 * connection is lost, with capped exponential backoff, until {@link #stop} is called.
 */
final class ProxyLink implements Registration {
    private static final Logger LOG = Logger.getLogger(ProxyLink.class.getName());
    /** Missed pongs after which the proxy is taken for gone even though the socket looks open. */
    private static final int MISSED_PONGS = 3;

    private enum Phase { WAITING, CONNECTING, AUTHENTICATING, STARTING, REGISTERED, STOPPING, ENDED }

    private final URI proxy;
    private final AgentSettings settings;
    private final SSLContext tls;
    private final WebSocketContainer container;
    private final ScheduledExecutorService scheduler;
    private final Consumer<AgentEvent> events;
    private final ReadinessProbe readiness;
    private final Backoff backoff;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    // Guarded by this.
    private Phase phase = Phase.WAITING;
    private Connection current;
    private ScheduledFuture<?> pending;
    private boolean lastSentReady = true;
    private int failuresInARow;
    /** REGISTERING is fired once per attempt to (re-)register, not for each retry of it. */
    private boolean registeringAnnounced;

    ProxyLink(URI proxy, AgentSettings settings, SSLContext tls, WebSocketContainer container,
              ScheduledExecutorService scheduler, Consumer<AgentEvent> events, ReadinessProbe readiness) {
        this.proxy = proxy;
        this.settings = settings;
        this.tls = tls;
        this.container = container;
        this.scheduler = scheduler;
        this.events = events;
        this.readiness = readiness;
        this.backoff = new Backoff(settings.backoffMax());
    }

    URI proxy() {
        return proxy;
    }

    @Override
    public synchronized void begin() {
        if (phase == Phase.WAITING) {
            pending = scheduler.schedule(this::connect, 0, TimeUnit.MILLISECONDS);
        }
    }

    /** Readiness changed: tell the proxy now if registered (else {@code started} triggers it). */
    @Override
    public synchronized void readinessChanged(boolean ready) {
        if (phase == Phase.REGISTERED && ready != lastSentReady) {
            lastSentReady = ready;
            current.send(new Message.Status(ready));
        }
    }

    /**
     * Deregisters: {@code stop} if registered, completing when the proxy answers {@code stopped} or closes; any
     * other state just ends the link. Never reconnects afterwards.
     */
    @Override
    public synchronized CompletableFuture<Void> stop() {
        if (pending != null) {
            pending.cancel(false);
        }
        if (phase == Phase.REGISTERED) {
            phase = Phase.STOPPING;
            fire(AgentEvent.Kind.DEREGISTERING);
            current.send(new Message.Stop());
        } else if (phase != Phase.STOPPING) {
            phase = Phase.ENDED;
            if (current != null) {
                current.close(Protocol.CLOSE_GOING_AWAY, "backend shutting down");
            }
            stopped.complete(null);
        }
        return stopped;
    }

    /** After the drain timeout: stop waiting for {@code stopped}. */
    @Override
    public synchronized void abandon() {
        phase = Phase.ENDED;
        if (current != null) {
            current.close(Protocol.CLOSE_GOING_AWAY, "backend shutting down");
        }
        stopped.complete(null);
    }

    private void connect() {
        Connection connection;
        synchronized (this) {
            if (phase != Phase.WAITING) {
                return;
            }
            phase = Phase.CONNECTING;
            connection = new Connection();
            current = connection;
            if (!registeringAnnounced) {
                registeringAnnounced = true;
                fire(AgentEvent.Kind.REGISTERING);
            }
        }
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of(Protocol.SUBPROTOCOL))
                .sslContext(tls)
                .build();
        try {
            container.connectToServer(connection, config, proxy);
        } catch (Exception e) {
            // Unreachable, refused or TLS failure: the cause names which.
            connectionEnded(connection, "cannot connect: " + rootMessage(e));
        }
    }

    private synchronized void onMessage(Connection from, String text) {
        if (from != current) {
            return;
        }
        if (phase == Phase.ENDED) {
            from.close(Protocol.CLOSE_GOING_AWAY, "backend shutting down");
            return;
        }
        from.lastHeard = System.nanoTime();
        Message message;
        try {
            message = MessageCodec.decode(text);
        } catch (ProtocolException e) {
            from.close(e.closeCode(), e.reason());
            return;
        }
        switch (message) {
        case Message.Challenge c when phase == Phase.CONNECTING -> {
            phase = Phase.AUTHENTICATING;
            from.send(new Message.Auth(settings.agentId(), Signatures.sign(settings.secret(), c.nonce(),
                    settings.agentId())));
        }
        case Message.Accepted a when phase == Phase.AUTHENTICATING -> {
            phase = Phase.STARTING;
            from.watch(Duration.ofMillis(a.pingIntervalMs()));
            from.send(settings.start());
        }
        case Message.Started s when phase == Phase.STARTING -> registered(from);
        case Message.Stopped s when phase == Phase.STOPPING -> {
            phase = Phase.ENDED;
            LOG.log(Level.INFO, "deregistered from {0}: drained", proxy);
            fire(AgentEvent.Kind.DEREGISTERED);
            stopped.complete(null);
        }
        default -> from.close(Protocol.CLOSE_POLICY_VIOLATION, "unexpected " + message.type());
        }
    }

    private void registered(Connection from) {
        phase = Phase.REGISTERED;
        backoff.reset();
        failuresInARow = 0;
        registeringAnnounced = false;
        LOG.log(Level.INFO, "registered with {0} as {1} ({2})", new Object[] {proxy, settings.agentId(), settings.url()});
        fire(AgentEvent.Kind.REGISTERED);
        lastSentReady = true;
        if (!readiness.ready()) {
            lastSentReady = false;
            from.send(new Message.Status(false));
        }
    }

    private void connectionEnded(Connection connection, String why) {
        synchronized (this) {
            if (connection != current || connection.ended) {
                return;
            }
            connection.ended = true;
            connection.unwatch();
            current = null;
            Phase was = phase;
            if (was == Phase.STOPPING || was == Phase.ENDED) {
                phase = Phase.ENDED;
                if (was == Phase.STOPPING) {
                    LOG.log(Level.WARNING, "{0} closed before answering stopped: {1}", new Object[] {proxy, why});
                    fire(AgentEvent.Kind.DEREGISTERED);
                }
                stopped.complete(null);
                return;
            }
            phase = Phase.WAITING;
            Duration delay = backoff.nextDelay();
            failuresInARow++;
            if (was == Phase.REGISTERED) {
                LOG.log(Level.WARNING, "lost the connection to {0} ({1}); registering again in {2} ms", new Object[] {proxy, why,
                        Long.toString(delay.toMillis())});
                fire(AgentEvent.Kind.DEREGISTERED);
            } else {
                // The first failure is worth a warning; the retries that follow are expected until the proxy is up.
                LOG.log(failuresInARow == 1 ? Level.WARNING : Level.FINE, "{0}: {1}; retrying in {2} ms", new Object[] {proxy, why,
                        Long.toString(delay.toMillis())});
            }
            pending = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void closed(Connection connection, CloseReason reason) {
        int code = reason.getCloseCode().getCode();
        String text = reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase();
        if (code == Protocol.CLOSE_POLICY_VIOLATION && text.equals(Protocol.AUTHENTICATION_FAILED)) {
            // Logged every time: a wrong secret is a configuration error that retrying does not fix.
            LOG.log(Level.SEVERE, "{0} refused agent {1}: close 1008 \"authentication failed\"; check that {2} matches"
                    + " a secret of the proxy", new Object[] {proxy, settings.agentId(), AgentSettings.SECRET});
        } else if (code == Protocol.CLOSE_POLICY_VIOLATION || code == Protocol.CLOSE_TOO_BIG) {
            LOG.log(Level.SEVERE, "{0} closed the registration: {1} \"{2}\"", new Object[] {proxy, Integer.toString(code), text});
        }
        connectionEnded(connection, "closed " + code + (text.isEmpty() ? "" : " \"" + text + "\""));
    }

    private void fire(AgentEvent.Kind kind) {
        try {
            events.accept(new AgentEvent(kind, proxy.toString(), settings.agentId()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of " + kind + " failed", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** One WebSocket connection; callbacks from a connection that is no longer current are ignored. */
    private final class Connection extends Endpoint {
        private volatile Session session;
        private volatile long lastHeard = System.nanoTime();
        private ScheduledFuture<?> watchdog;
        private boolean ended;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            this.session = session;
            session.setMaxTextMessageBufferSize(Protocol.MAX_FRAME_BYTES);
            session.addMessageHandler(String.class, text -> onMessage(this, text));
            session.addMessageHandler(PongMessage.class, pong -> lastHeard = System.nanoTime());
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closed(this, reason);
        }

        @Override
        public void onError(Session session, Throwable error) {
            LOG.log(Level.FINE, "WebSocket error with " + proxy, error);
            if (!session.isOpen()) {
                connectionEnded(this, "error: " + rootMessage(error));
            }
        }

        void send(Message message) {
            try {
                session.getBasicRemote().sendText(MessageCodec.encode(message));
            } catch (IOException | RuntimeException e) {
                close(Protocol.CLOSE_GOING_AWAY, "send failed");
                connectionEnded(this, "send failed: " + rootMessage(e));
            }
        }

        /**
         * Pings the proxy at its own interval: a proxy that vanished without closing (network cut) is noticed
         * after a few missed pongs instead of never.
         */
        void watch(Duration interval) {
            long limit = interval.toNanos() * MISSED_PONGS;
            watchdog = scheduler.scheduleAtFixedRate(() -> {
                if (System.nanoTime() - lastHeard > limit) {
                    close(Protocol.CLOSE_GOING_AWAY, "no pong");
                    connectionEnded(this, "no answer to pings for " + interval.multipliedBy(MISSED_PONGS).toMillis()
                            + " ms");
                    return;
                }
                try {
                    session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "ping to " + proxy + " failed", e);
                }
            }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }

        void unwatch() {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }

        void close(int code, String reason) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                return;
            }
            try {
                s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing the connection to " + proxy + " failed", e);
            }
        }
    }
}
