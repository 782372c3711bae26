package io.inteli.proxy.registry;

/**
 * One agent's live control connection, as the registry sees it: whatever the transport, it can be drained, told
 * it was replaced, or closed. Implemented by the control plane; the registry never needs to know more.
 */
public interface AgentSession {
    /**
     * The agent's stop, or an operator's drain: no new requests, in-flight ones finish (at most the drain timeout),
     * then the agent is told {@code stopped} and its socket is closed with 1000.
     *
     * @return false when the session has no started backend (not started yet, or already stopping or closed)
     */
    boolean drain(String why);

    /** A newer connection with the same agent id started: this one goes without touching the new registration. */
    void replaced();

    /** Closes the socket from the proxy's side (e.g. 1001 "going away"); its backend is removed. */
    void close(int code, String reason);
}
