package io.inteli.demo;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** The demo's readiness check: what the agent polls and reports to the proxies. */
@Readiness
@Dependent
public class DemoReadiness implements HealthCheck {
    private final ReadinessSwitch readiness;

    @Inject
    public DemoReadiness(ReadinessSwitch readiness) {
        this.readiness = readiness;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("demo").status(readiness.ready()).build();
    }
}
