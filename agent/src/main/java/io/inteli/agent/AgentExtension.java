package io.inteli.agent;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;


/**
 * Registers this backend with the proxies in {@code inteli.agent.proxies} once the application runs, and
 * deregisters it, draining its requests, before the container shuts down.
 */
public class AgentExtension implements Extension {
    private static final Logger LOG = Logger.getLogger(AgentExtension.class.getName());
    /**
     * After the runtime's own observers (Helidon starts its HTTP server at {@code PLATFORM_AFTER + 100}), so
     * that the listener is up or about to be.
     */
    private static final int AFTER_SERVER_START = Interceptor.Priority.PLATFORM_AFTER + 1000;
    /**
     * Before the runtime's own observers (Helidon stops its HTTP server at {@code PLATFORM_BEFORE}): requests the
     * proxy is draining must still be served.
     */
    private static final int BEFORE_SERVER_STOP = Interceptor.Priority.PLATFORM_BEFORE - 1000;

    private AgentSettings settings;
    private Agent agent;

    void validate(@Observes AfterDeploymentValidation validation) {
        Config config = ConfigProvider.getConfig();
        AgentKeys.warnUnknown(config);
        try {
            settings = AgentSettings.read(key -> config.getOptionalValue(key, String.class));
            if (settings.active()) {
                ProxyTls.context(settings);
            }
        } catch (IllegalArgumentException e) {
            validation.addDeploymentProblem(new IllegalStateException("inteli agent configuration: "
                    + e.getMessage()));
        }
    }

    void start(@Observes @Priority(AFTER_SERVER_START) @Initialized(ApplicationScoped.class) Object ignored,
               BeanManager beans) {
        if (settings == null || !settings.enabled() || agent != null) {
            // Disabled, or already started (an application with several modules initializes more than once).
            return;
        }
        if (!settings.active()) {
            LOG.log(Level.INFO, "inteli agent idle: {0} is not set", AgentSettings.PROXIES);
            return;
        }
        LOG.log(Level.INFO, "inteli agent: registering {0} ({1}) with {2}", new Object[] {settings.agentId(),
                settings.url(), settings.proxies()});
        agent = new Agent(settings, event -> beans.getEvent().select(AgentEvent.class).fire(event),
                readiness(beans));
        agent.start();
    }

    void stop(@Observes @Priority(BEFORE_SERVER_STOP) @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        if (agent != null) {
            agent.stop();
            agent = null;
        }
    }

    private static ReadinessProbe readiness(BeanManager beans) {
        return healthApiPresent() ? HealthReadiness.of(beans) : ReadinessProbe.ALWAYS_READY;
    }

    private static boolean healthApiPresent() {
        try {
            Class.forName("org.eclipse.microprofile.health.HealthCheck", false,
                    Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                            .orElse(AgentExtension.class.getClassLoader()));
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
