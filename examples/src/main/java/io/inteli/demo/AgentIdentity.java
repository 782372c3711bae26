package io.inteli.demo;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.inteli.agent.AgentEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The id this backend registered under, learned from the agent's events (the agent may have generated it). */
@ApplicationScoped
public class AgentIdentity {
    private static final System.Logger LOG = System.getLogger(AgentIdentity.class.getName());
    private final AtomicReference<String> agentId = new AtomicReference<>();

    void onAgentEvent(@Observes AgentEvent event) {
        agentId.set(event.agentId());
        LOG.log(System.Logger.Level.INFO, "agent event {0} for {1}", event.kind(), event.proxy());
    }

    Optional<String> agentId() {
        return Optional.ofNullable(agentId.get());
    }
}
