package io.inteli.proxy.control;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.inteli.protocol.Message;
import io.inteli.protocol.MessageCodec;
import io.inteli.protocol.Protocol;
import io.inteli.protocol.ProtocolException;
import io.inteli.protocol.Signatures;
import io.inteli.proxy.registry.AgentSession;
import io.inteli.proxy.registry.Backend;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * One agent's socket and its place in protocol v1: (a wait while its address keeps failing,) challenge, auth,
 * accepted, start, started, then status and stop until stopped. Plain Jakarta WebSocket: no runtime-specific type,
 * so the endpoint runs on any Jakarta EE container. Frames arrive on the connection's own thread; timers (challenge
 * delay, auth timeout, pings, drain) and the registry act from others, so every step runs under this object's lock.
 */
final class AgentProtocol implements AgentSession {
    private static final System.Logger LOG = System.getLogger(AgentProtocol.class.getName());

    /** RFC 6455: the endpoint terminates the connection because of a protocol error (here: no inteli-v1). */
    static final int CLOSE_PROTOCOL_ERROR = 1002;
    /** RFC 6455 registry: the server is overloaded, try again later. */
    static final int CLOSE_TRY_AGAIN_LATER = 1013;

    private static final long CLOSE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long CLOSE_ANSWER_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private enum Phase { WAITING, CHALLENGED, ACCEPTED, STARTED, STOPPING, CLOSED }

    private final ControlPlane hub;
    private final Session session;
    private final String peer;
    private final StringBuilder partial = new StringBuilder();
    private Phase phase = Phase.WAITING;
    private boolean pending;
    private String nonce;
    private String agentId;
    private Backend backend;
    private Future<?> authTimer;
    private Future<?> pinger;
    private long lastPongNanos;
    private long lastPingSentNanos;

    AgentProtocol(ControlPlane hub, Session session, String peer) {
        this.hub = hub;
        this.session = session;
        this.peer = peer;
    }

    void opened() {
        synchronized (this) {
            String subprotocol = session.getNegotiatedSubprotocol();
            if (!Protocol.SUBPROTOCOL.equals(subprotocol)) {
                // nothing is ever authenticated on a socket that did not agree on the protocol
                LOG.log(Level.WARNING, "agent socket from {0} without the {1} subprotocol: closed", peer,
                        Protocol.SUBPROTOCOL);
                phase = Phase.CLOSED;
                sendClose(CLOSE_PROTOCOL_ERROR, "subprotocol " + Protocol.SUBPROTOCOL + " required");
                return;
            }
            pending = true;
        }
        // outside the lock: it may close the oldest pending socket, which takes that one's lock
        hub.opened(this);
        synchronized (this) {
            if (phase != Phase.WAITING) {
                return;
            }
            long delay = hub.challengeDelayNanos(peer);
            if (delay == 0) {
                challenge();
            } else {
                LOG.log(Level.INFO, "agent socket from {0}: challenge in {1} ms after failed authentications "
                        + "from this address", peer, TimeUnit.NANOSECONDS.toMillis(delay));
                authTimer = hub.timers().schedule(this::challenge, delay);
            }
        }
    }

    private synchronized void challenge() {
        if (phase != Phase.WAITING) {
            return;
        }
        phase = Phase.CHALLENGED;
        nonce = Signatures.newNonce();
        send(new Message.Challenge(Protocol.VERSION, nonce));
        authTimer = hub.timers().schedule(this::authTimedOut, hub.settings().authTimeout().toNanos());
    }

    synchronized void text(String text, boolean last) {
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

    synchronized void binary() {
        if (phase != Phase.CLOSED) {
            violation(new ProtocolException(Protocol.CLOSE_POLICY_VIOLATION, "binary frames are not allowed"));
        }
    }

    synchronized void pong(ByteBuffer payload) {
        lastPongNanos = System.nanoTime();
        // RFC 6455 wants our payload back, but some clients answer with an empty pong: then the last ping's time
        long sent = payload.remaining() == Long.BYTES ? payload.getLong(payload.position()) : lastPingSentNanos;
        long rtt = lastPongNanos - sent;
        if (backend != null && sent != 0 && rtt >= 0) {
            backend.load().lastPingRttNanos(rtt);
        }
    }

    /** The socket closed: a close frame from the agent, or (code 1011 and the like) a connection that dropped. */
    synchronized void closed(CloseReason reason) {
        // the close handshake is over (or the connection gone): the server ends the TCP connection (RFC 6455 7.1.1),
        // a moment later, as Tyrus reports a peer's close before it sends the answering close frame
        hub.timers().schedule(() -> hub.closeConnection(session), CLOSE_ANSWER_GRACE_NANOS);
        if (phase != Phase.CLOSED) {
            LOG.log(Level.INFO, "agent {0} from {1} closed its socket ({2} {3})", name(), peer,
                    Integer.toString(reason.getCloseCode().getCode()), reason.getReasonPhrase());
            ended("the agent closed its socket (" + reason.getCloseCode().getCode() + ")");
        }
    }

    synchronized void failed(Throwable t) {
        if (phase != Phase.CLOSED) {
            LOG.log(Level.INFO, "agent socket of {0} from {1} failed: {2}", name(), peer, String.valueOf(t));
            ended("socket error: " + t.getMessage());
        }
    }

    private void handle(Message message) {
        switch (phase) {
        case WAITING -> violation(outOfOrder(message, "nothing before the challenge"));
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
            case Message.Status status -> hub.agents().backends().setReady(backend, status.ready(),
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
        cancel(authTimer);
        agentId = auth.agentId();
        notPendingAnyMore();
        hub.authenticated(peer);
        phase = Phase.ACCEPTED;
        send(new Message.Accepted(hub.settings().pingInterval().toMillis()));
        lastPongNanos = System.nanoTime();
        pinger = hub.timers().scheduleRepeating(this::ping, hub.settings().pingInterval().toNanos());
        LOG.log(Level.INFO, "agent {0} from {1} authenticated", agentId, peer);
    }

    private void authenticationFailed(String claimedId) {
        int inARow = hub.authenticationFailed(peer);
        LOG.log(Level.WARNING, "failed authentication from {0} (agentId {1}): {2} in a row from this address, "
                + "{3} in all", peer, claimedId == null ? "not given" : claimedId, inARow,
                hub.agents().failedAuthentications());
        closeAndEnd(Protocol.CLOSE_POLICY_VIOLATION, Protocol.AUTHENTICATION_FAILED, "authentication failed");
    }

    private void start(Message.Start start) {
        backend = hub.agents().backends().register(agentId, URI.create(start.url()), start.weight(), start.routes());
        phase = Phase.STARTED;
        hub.agents().started(agentId, this);
        send(new Message.Started());
    }

    @Override
    public synchronized boolean drain(String why) {
        if (phase != Phase.STARTED) {
            return false;
        }
        phase = Phase.STOPPING;
        Backend draining = backend;
        hub.agents().backends().startDraining(draining, why);
        long timeout = hub.settings().drainTimeout().toNanos();
        draining.load().whenIdle()
                .orTimeout(timeout, TimeUnit.NANOSECONDS)
                .whenCompleteAsync((idle, timedOut) -> stopped(draining, timedOut != null), hub.timers().executor());
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
        hub.agents().backends().remove(drained, timedOut ? "stopped after the drain timeout" : "stopped, drained");
        send(new Message.Stopped());
        closeAndEnd(Protocol.CLOSE_NORMAL, "stopped", null);
    }

    @Override
    public synchronized void replaced() {
        if (phase != Phase.CLOSED) {
            closeAndEnd(Protocol.CLOSE_NORMAL, "replaced by a newer connection of the same agent", null);
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
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
            // the backstop for a peer that went silent without closing (a close or a dropped connection is
            // reported at once by the container)
            LOG.log(Level.WARNING, "agent {0} from {1} answered no ping for {2}: removing it", name(), peer,
                    hub.settings().pingTimeout());
            closeAndEnd(Protocol.CLOSE_POLICY_VIOLATION, "ping timeout", "ping timeout");
            return;
        }
        try {
            lastPingSentNanos = now;
            session.getBasicRemote().sendPing(ByteBuffer.allocate(Long.BYTES).putLong(0, now));
        } catch (IOException | RuntimeException e) {
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
        sendClose(code, reason);
        // a peer that never answers the close must not keep the connection (and its thread) for long
        long grace = Math.min(hub.settings().authTimeout().toNanos(), CLOSE_GRACE_NANOS);
        hub.timers().schedule(() -> hub.closeConnection(session), grace);
    }

    private void sendClose(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "close frame not sent to " + peer, e);
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
            hub.agents().backends().remove(backend, reason);
        }
        hub.agents().ended(agentId, this);
    }

    private void notPendingAnyMore() {
        if (pending) {
            pending = false;
            hub.leftPending(this);
        }
    }

    private void send(Message message) {
        try {
            session.getBasicRemote().sendText(MessageCodec.encode(message));
        } catch (IOException | RuntimeException e) {
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

    @Override
    public String toString() {
        return "agent " + name() + " from " + peer + " (" + phase + ")";
    }
}
