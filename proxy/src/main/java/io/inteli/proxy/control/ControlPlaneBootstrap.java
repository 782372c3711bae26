package io.inteli.proxy.control;

import io.inteli.proxy.admin.AdminToken;
import io.inteli.proxy.health.ReadinessPolicy;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Prepares the control plane before bean discovery (so before the web server is built): checks the configuration,
 * gives the control socket its TLS, and makes the results injectable.
 */
public class ControlPlaneBootstrap implements Extension {
    private static final System.Logger LOG = System.getLogger(ControlPlaneBootstrap.class.getName());
    private ControlPlaneSetup setup;

    // Late: Helidon's test extension adds @AddConfig values in its own BeforeBeanDiscovery observer (default
    // priority); reading config before it would see the defaults.
    void beforeDiscovery(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) BeforeBeanDiscovery event) throws Exception {
        try {
            setup = ControlPlaneSetup.prepare(ConfigProvider.getConfig());
        } catch (RuntimeException e) {
            // one clear line before the container's own stack trace
            LOG.log(System.Logger.Level.ERROR, "the proxy cannot start: " + e.getMessage());
            throw e;
        }
        // the control socket's keystore reaches the server through startup.HelidonSettings (a config source)
        setup.tls().ifPresentOrElse(tls -> {
            LOG.log(System.Logger.Level.INFO, "control plane certificate ({0}) SHA-256 fingerprint: {1}",
                    tls.selfSigned() ? "self-signed, " + tls.keystore() : "configured, " + tls.keystore(),
                    tls.fingerprint());
        }, () -> {
            LOG.log(System.Logger.Level.WARNING, "control plane TLS is off (inteli.control.tls.enabled=false)");
        });
    }

    void addBeans(@Observes AfterBeanDiscovery event) {
        ControlPlaneSetup s = setup;
        event.addBean().types(ControlPlaneSetup.class, Object.class).scope(Singleton.class).createWith(c -> s);
        event.addBean().types(RegistrySettings.class, Object.class).scope(Singleton.class).createWith(c -> s.registry());
        event.addBean().types(AgentSecrets.class, Object.class).scope(Singleton.class).createWith(c -> s.secrets());
        event.addBean().types(AdminToken.class, Object.class).scope(Singleton.class).createWith(c -> s.adminToken());
        event.addBean().types(ReadinessPolicy.class, Object.class).scope(Singleton.class)
                .createWith(c -> s.readiness());
    }
}
