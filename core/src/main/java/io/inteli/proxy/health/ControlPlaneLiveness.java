package io.inteli.proxy.health;

import io.inteli.proxy.registry.AgentRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Up while the application answers; reports the open agent sockets and the failed authentications. */
@Liveness
@ApplicationScoped
class ControlPlaneLiveness implements HealthCheck {
    private final AgentRegistry agents;

    @Inject
    ControlPlaneLiveness(AgentRegistry agents) {
        this.agents = agents;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("control-plane")
                .up()
                .withData("agentSockets", agents.openSessions())
                .withData("failedAuthentications", agents.failedAuthentications())
                .build();
    }
}
