package io.inteli.proxy.health;

import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.RegistrySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when at least one backend is ACTIVE: a proxy with nothing to route to should not get traffic, unless
 * {@code inteli.health.ready-without-backends=true}. Its data also tells the data plane's requests in flight (the
 * same count as the metric and the dashboard).
 */
@Readiness
@ApplicationScoped
class BackendsReadiness implements HealthCheck {
    private final BackendRegistry registry;
    private final ReadinessPolicy policy;
    private final DataPlaneTraffic traffic;

    @Inject
    BackendsReadiness(BackendRegistry registry, ReadinessPolicy policy, DataPlaneTraffic traffic) {
        this.registry = registry;
        this.policy = policy;
        this.traffic = traffic;
    }

    @Override
    public HealthCheckResponse call() {
        RegistrySnapshot snapshot = registry.snapshot();
        int active = snapshot.routable().size();
        return HealthCheckResponse.named("backends")
                .status(active > 0 || policy.readyWithoutBackends())
                .withData("active", active)
                .withData("registered", snapshot.all().size())
                .withData("inFlight", traffic.inFlight())
                .build();
    }
}
