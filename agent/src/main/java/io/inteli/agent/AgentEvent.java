package io.inteli.agent;

/**
 * Fired as a CDI event when this backend joins or leaves a proxy; observe it with
 * {@code void on(@Observes AgentEvent event)}.
 *
 * @param kind    what happened
 * @param proxy   the proxy's control-plane URL ({@code wss://host:port/registry})
 * @param agentId the id this backend registers under
 */
public record AgentEvent(Kind kind, String proxy, String agentId) {

    public enum Kind {
        /** Connecting and authenticating to the proxy (again after every lost connection). */
        REGISTERING,
        /** The proxy answered {@code started}: it routes requests to this backend. */
        REGISTERED,
        /** Shutting down: {@code stop} sent, the proxy drains the requests in flight. */
        DEREGISTERING,
        /** The proxy no longer routes to this backend: drained, or the connection was lost. */
        DEREGISTERED
    }
}
