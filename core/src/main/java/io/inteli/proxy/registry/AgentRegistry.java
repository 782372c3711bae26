package io.inteli.proxy.registry;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Membership: which live agent session holds which backend id. The one owner of that knowledge; the control plane
 * reports sessions to it, the admin API (drain), health and a graceful shutdown ask it. The target list itself is
 * {@link BackendRegistry}, reached through {@link #backends()}.
 */
@ApplicationScoped
public class AgentRegistry {
    private final BackendRegistry backends;
    private final Map<String, AgentSession> byId = new ConcurrentHashMap<>();
    private final Set<AgentSession> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong failedAuthentications = new AtomicLong();

    @Inject
    AgentRegistry(BackendRegistry backends) {
        this.backends = backends;
    }

    /** For CDI's client proxy only. */
    protected AgentRegistry() {
        this.backends = null;
    }

    public BackendRegistry backends() {
        return backends;
    }

    /** A socket opened (not authenticated yet). */
    public void opened(AgentSession session) {
        open.add(session);
    }

    /** The session started a backend with this id: it now holds the id; a previous holder is told it was replaced. */
    public void started(String agentId, AgentSession session) {
        AgentSession previous = byId.put(agentId, session);
        if (previous != null && previous != session) {
            previous.replaced();
        }
    }

    /** The session ended; it no longer holds any id (a newer holder of its id is left alone). */
    public void ended(String agentId, AgentSession session) {
        open.remove(session);
        if (agentId != null) {
            byId.remove(agentId, session);
        }
    }

    /**
     * Asks the agent with this backend id to stop as if it had sent {@code stop}.
     *
     * @return false when no started agent has this id
     */
    public boolean drain(String backendId) {
        AgentSession session = byId.get(backendId);
        return session != null && session.drain("drain requested by an operator");
    }

    /** Closes every agent socket (e.g. 1001 "going away" at shutdown); their backends are removed. */
    public void closeAll(int code, String reason) {
        for (AgentSession session : List.copyOf(open)) {
            session.close(code, reason);
        }
    }

    /** The number of open agent sockets, authenticated or not. */
    public int openSessions() {
        return open.size();
    }

    public void countFailedAuthentication() {
        failedAuthentications.incrementAndGet();
    }

    /** Failed authentications since start, all addresses together. */
    public long failedAuthentications() {
        return failedAuthentications.get();
    }
}
