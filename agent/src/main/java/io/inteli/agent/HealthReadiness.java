package io.inteli.agent;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.List;

import jakarta.enterprise.inject.spi.BeanManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The application's MicroProfile Health readiness checks ({@code @Readiness} beans): ready when every one is UP.
 * Only loaded when the Health API is on the class path, so the agent runs without it.
 */
final class HealthReadiness implements ReadinessProbe {
    private static final Logger LOG = Logger.getLogger(HealthReadiness.class.getName());
    private final List<HealthCheck> checks;

    private HealthReadiness(List<HealthCheck> checks) {
        this.checks = checks;
    }

    static ReadinessProbe of(BeanManager beans) {
        // Resolved once: a dependent check created on every poll would never be destroyed.
        List<HealthCheck> checks = beans.createInstance().select(HealthCheck.class, Readiness.Literal.INSTANCE)
                .stream().toList();
        return checks.isEmpty() ? ALWAYS_READY : new HealthReadiness(checks);
    }

    @Override
    public boolean ready() {
        for (HealthCheck check : checks) {
            try {
                HealthCheckResponse response = check.call();
                if (response == null || response.getStatus() != HealthCheckResponse.Status.UP) {
                    return false;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "readiness check failed", e);
                return false;
            }
        }
        return true;
    }
}
