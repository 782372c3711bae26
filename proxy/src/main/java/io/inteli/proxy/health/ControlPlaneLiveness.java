package io.inteli.proxy.health;

import io.inteli.proxy.control.AgentConnections;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Up while the application answers; reports the open agent sockets and the failed authentications. */
@Liveness
@ApplicationScoped
public class ControlPlaneLiveness implements HealthCheck {
    private final AgentConnections connections;

    @Inject
    public ControlPlaneLiveness(AgentConnections connections) {
        this.connections = connections;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("control-plane")
                .up()
                .withData("agentSockets", connections.openConnections())
                .withData("failedAuthentications", connections.failedAuthentications())
                .build();
    }
}
