package io.inteli.proxy.control;

import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.inteli.protocol.Message;
import io.inteli.protocol.MessageCodec;
import io.inteli.protocol.Protocol;
import io.inteli.protocol.ProtocolException;
import io.inteli.protocol.Signatures;
import io.inteli.proxy.registry.Backend;

/**
 * One agent's socket and its place in protocol v1: challenge, auth, accepted, start, started, then status and
 * stop until stopped. Frames arrive on the connection's own thread; timers (auth timeout, pings, drain) and
 * {@link AgentConnections} act from others, so every step runs under this object's lock.
 */
final class AgentConnection implements WsListener {
    private static final System.Logger LOG = System.getLogger(AgentConnection.class.getName());
    private static final HeaderName SUBPROTOCOL_HEADER = HeaderNames.create("Sec-WebSocket-Protocol");

    /** RFC 6455 registry: the server is overloaded, try again later. */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;

    private enum Phase { CHALLENGED, ACCEPTED, STARTED, STOPPING, CLOSED }

    private final AgentConnections hub;
    private final StringBuilder partial = new StringBuilder();
    private WsSession session;
    private String peer = "?";
    private Phase phase = Phase.CHALLENGED;
    private boolean pending;
    private String nonce;
    private String agentId;
    private Backend backend;
    private Future<?> authTimer;
    private Future<?> pinger;
    private long lastPongNanos;
    private long lastPingSentNanos;

    AgentConnection(AgentConnections hub) {
        this.hub = hub;
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
        boolean offered = headers.contains(SUBPROTOCOL_HEADER) && headers.get(SUBPROTOCOL_HEADER).allValues(true)
                .stream().anyMatch(Protocol.SUBPROTOCOL::equals);
        if (!offered) {
            return Optional.empty();
        }
        WritableHeaders<?> response = WritableHeaders.create();
        response.set(SUBPROTOCOL_HEADER, Protocol.SUBPROTOCOL);
        return Optional.of(response);
    }

    @Override
    public synchronized void onOpen(WsSession session) {
        this.session = session;
        this.peer = address(session.socketContext().remotePeer().address());
        Optional<String> refusal = hub.admit(this, peer);
        if (refusal.isPresent()) {
            LOG.log(Level.WARNING, "refused agent socket from {0}: {1}", peer, refusal.get());
            closeAndEnd(refusal.get().equals(AgentConnections.TOO_MANY_PENDING) ? CLOSE_TRY_AGAIN_LATER
                                : Protocol.CLOSE_POLICY_VIOLATION, refusal.get(), null);
            return;
        }
        pending = true;
        nonce = Signatures.newNonce();
        send(new Message.Challenge(Protocol.VERSION, nonce));
        authTimer = hub.schedule(this::authTimedOut, hub.settings().authTimeout().toNanos());
    }

    @Override
    public synchronized void onMessage(WsSession session, String text, boolean last) {
        if (phase == Phase.CLOSED) {
            return;
        }
        partial.append(text);
        // a char is at least one UTF-8 byte, so more chars than the limit is too big whatever they are
        if (partial.length() > Protocol.MAX_FRAME_BYTES) {
            violation(new ProtocolException(Protocol.CLOSE_TOO_BIG, "frame larger than 16 KiB"));
            return;
        }
        if (!last) {
            return;
        }
        String frame = partial.toString();
        partial.setLength(0);
        try {
            handle(MessageCodec.decode(frame));
        } catch (ProtocolException e) {
            if (phase == Phase.CHALLENGED && Protocol.AUTHENTICATION_FAILED.equals(e.reason())) {
                authenticationFailed(null);
            } else {
                violation(e);
            }
        }
    }

    @Override
    public synchronized void onMessage(WsSession session, BufferData buffer, boolean last) {
        if (phase != Phase.CLOSED) {
            violation(new ProtocolException(Protocol.CLOSE_POLICY_VIOLATION, "binary frames are not allowed"));
        }
    }

    @Override
    public synchronized void onPing(WsSession session, BufferData buffer) {
        // Helidon leaves the answer to the listener; RFC 6455 requires it, with the same payload
        if (phase != Phase.CLOSED) {
            try {
                session.pong(buffer);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "cannot answer a ping from " + peer, e);
            }
        }
    }

    @Override
    public synchronized void onPong(WsSession session, BufferData buffer) {
        lastPongNanos = System.nanoTime();
        byte[] payload = buffer.readBytes();
        // RFC 6455 wants our payload back, but some clients answer with an empty pong: then the last ping's time
        long sent = payload.length == Long.BYTES ? ByteBuffer.wrap(payload).getLong() : lastPingSentNanos;
        long rtt = lastPongNanos - sent;
        if (backend != null && sent != 0 && rtt >= 0) {
            backend.load().lastPingRttNanos(rtt);
        }
    }

    @Override
    public synchronized void onClose(WsSession session, int status, String reason) {
        if (phase != Phase.CLOSED) {
            LOG.log(Level.INFO, "agent {0} from {1} closed its socket ({2} {3})", name(), peer, status, reason);
            ended("the agent closed its socket (" + status + ")");
        }
    }

    @Override
    public synchronized void onError(WsSession session, Throwable t) {
        if (phase != Phase.CLOSED) {
            LOG.log(Level.WARNING, "agent socket of " + name() + " from " + peer + " failed", t);
            ended("socket error: " + t.getMessage());
        }
    }

    private void handle(Message message) {
        switch (phase) {
        case CHALLENGED -> {
            if (message instanceof Message.Auth auth) {
                authenticate(auth);
            } else {
                violation(outOfOrder(message, "auth"));
            }
        }
        case ACCEPTED -> {
            if (message instanceof Message.Start start) {
                start(start);
            } else {
                violation(outOfOrder(message, "start"));
            }
        }
        case STARTED -> {
            switch (message) {
            case Message.Status status -> hub.registry().setReady(backend, status.ready(),
                                                                  "agent status ready=" + status.ready());
            case Message.Stop stop -> drain("stop from the agent");
            default -> violation(outOfOrder(message, "status or stop"));
            }
        }
        case STOPPING -> {
            // an agent may race a readiness change or a second stop with the drain: both are harmless then
            if (!(message instanceof Message.Status) && !(message instanceof Message.Stop)) {
                violation(outOfOrder(message, "nothing while stopping"));
            }
        }
        case CLOSED -> { }
        }
    }

    private static ProtocolException outOfOrder(Message message, String expected) {
        return new ProtocolException(Protocol.CLOSE_POLICY_VIOLATION,
                                     "unexpected " + message.type() + " (expected " + expected + ")");
    }

    private void authenticate(Message.Auth auth) {
        if (!hub.secrets().verify(nonce, auth.agentId(), auth.signature())) {
            authenticationFailed(auth.agentId());
            return;
        }
        authTimer.cancel(false);
        agentId = auth.agentId();
        notPendingAnyMore();
        hub.authenticated(peer);
        phase = Phase.ACCEPTED;
        send(new Message.Accepted(hub.settings().pingInterval().toMillis()));
        lastPongNanos = System.nanoTime();
        long interval = hub.settings().pingInterval().toNanos();
        pinger = hub.scheduleRepeating(this::ping, interval);
        LOG.log(Level.INFO, "agent {0} from {1} authenticated", agentId, peer);
    }

    private void authenticationFailed(String claimedId) {
        int inARow = hub.authenticationFailed(peer);
        LOG.log(Level.WARNING, "failed authentication from {0} (agentId {1}): {2} in a row from this address, "
                + "{3} in all", peer, claimedId == null ? "not given" : claimedId, inARow, hub.failedAuthentications());
        closeAndEnd(Protocol.CLOSE_POLICY_VIOLATION, Protocol.AUTHENTICATION_FAILED, "authentication failed");
    }

    private void start(Message.Start start) {
        backend = hub.registry().register(agentId, URI.create(start.url()), start.weight(), start.routes());
        phase = Phase.STARTED;
        hub.started(agentId, this);
        send(new Message.Started());
    }

    /** The agent's stop, or an operator's drain: no new requests, wait for in-flight ones, then stopped. */
    synchronized boolean drain(String why) {
        if (phase != Phase.STARTED) {
            return false;
        }
        phase = Phase.STOPPING;
        Backend draining = backend;
        hub.registry().startDraining(draining, why);
        long timeout = hub.settings().drainTimeout().toNanos();
        draining.load().whenIdle()
                .orTimeout(timeout, TimeUnit.NANOSECONDS)
                .whenCompleteAsync((idle, timedOut) -> stopped(draining, timedOut != null), hub.executor());
        return true;
    }

    private synchronized void stopped(Backend drained, boolean timedOut) {
        if (phase != Phase.STOPPING || backend != drained) {
            return;
        }
        if (timedOut) {
            LOG.log(Level.WARNING, "agent {0}: drain timeout ({1}) with {2} requests still in flight", agentId,
                    hub.settings().drainTimeout(), drained.load().inFlight());
        }
        hub.registry().remove(drained, timedOut ? "stopped after the drain timeout" : "stopped, drained");
        send(new Message.Stopped());
        closeAndEnd(Protocol.CLOSE_NORMAL, "stopped", null);
    }

    /** A newer connection of the same agent started: this one goes without touching the new registration. */
    synchronized void replaced() {
        if (phase != Phase.CLOSED) {
            closeAndEnd(Protocol.CLOSE_NORMAL, "replaced by a newer connection of the same agent", null);
        }
    }

    synchronized void closeFromProxy(int code, String reason) {
        if (phase != Phase.CLOSED) {
            closeAndEnd(code, reason, reason);
        }
    }

    private synchronized void authTimedOut() {
        if (phase == Phase.CHALLENGED) {
            LOG.log(Level.WARNING, "agent socket from {0} sent no valid auth within {1}", peer,
                    hub.settings().authTimeout());
            closeAndEnd(Protocol.CLOSE_POLICY_VIOLATION, "authentication timeout", "authentication timeout");
        }
    }

    private synchronized void ping() {
        if (phase == Phase.CLOSED) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastPongNanos > hub.settings().pingTimeout().toNanos()) {
            LOG.log(Level.WARNING, "agent {0} from {1} answered no ping for {2}: removing it", name(), peer,
                    hub.settings().pingTimeout());
            closeAndEnd(Protocol.CLOSE_POLICY_VIOLATION, "ping timeout", "ping timeout");
            return;
        }
        try {
            lastPingSentNanos = now;
            session.ping(BufferData.create(ByteBuffer.allocate(Long.BYTES).putLong(now).array()));
        } catch (RuntimeException e) {
            // the reading side ended without a close frame: Helidon tells the listener nothing in that case
            LOG.log(Level.INFO, "agent {0} from {1} is gone ({2})", name(), peer, e.getMessage());
            ended("socket lost");
        }
    }

    private void violation(ProtocolException e) {
        LOG.log(Level.WARNING, "agent {0} from {1} broke the protocol: {2}", name(), peer, e.reason());
        closeAndEnd(e.closeCode(), e.reason(), "protocol violation: " + e.reason());
    }

    /** Sends the close frame and forgets this connection; {@code removal} is the reason given to the registry. */
    private void closeAndEnd(int code, String reason, String removal) {
        // removed first: when the agent reads the close frame, the proxy has already forgotten it
        ended(removal == null ? reason : removal);
        close(code, reason);
        // a peer that never answers the close must not keep the socket (and its thread) forever
        hub.schedule(this::forceClose, hub.settings().authTimeout().toNanos());
    }

    private void close(int code, String reason) {
        try {
            session.close(code, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "close frame not sent to " + peer, e);
        }
    }

    private void forceClose() {
        if (session instanceof ServerConnection connection) {
            connection.close(true);
        }
    }

    private void ended(String reason) {
        Phase was = phase;
        phase = Phase.CLOSED;
        if (was == Phase.CLOSED) {
            return;
        }
        notPendingAnyMore();
        cancel(authTimer);
        cancel(pinger);
        if (backend != null) {
            hub.registry().remove(backend, reason);
        }
        hub.ended(agentId, this);
    }

    private void notPendingAnyMore() {
        if (pending) {
            pending = false;
            hub.leftPending();
        }
    }

    private void send(Message message) {
        try {
            session.send(MessageCodec.encode(message), true);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot send " + message.type() + " to " + peer, e);
        }
    }

    private static void cancel(Future<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private String name() {
        return agentId == null ? "(not authenticated)" : agentId;
    }

    private static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    @Override
    public String toString() {
        return "agent " + name() + " from " + peer + " (" + phase + ")";
    }
}
