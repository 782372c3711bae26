package io.inteli.proxy.startup;

import io.inteli.proxy.admin.AdminToken;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.control.AgentSecrets;
import io.inteli.proxy.control.RegistrySettings;
import io.inteli.proxy.controlport.ControlPlaneSetup;
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
 * Prepares the control plane before bean discovery (so before the web server is built): checks its configuration,
 * makes what is generated (certificate, secret, token) in the state directory, and makes the results injectable,
 * with the health checks' readiness policy. The control socket's keystore reaches the server through
 * {@link HelidonSettings}.
 */
public class ControlPlaneWiring implements Extension {
    private static final System.Logger LOG = System.getLogger(ControlPlaneWiring.class.getName());
    private ControlPlaneSetup setup;
    private ReadinessPolicy readiness;

    // Late: Helidon's test extension adds @AddConfig values in its own BeforeBeanDiscovery observer (default
    // priority); reading config before it would see the defaults.
    void beforeDiscovery(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) BeforeBeanDiscovery event) throws Exception {
        try {
            ConfigValues config = new ConfigValues(ConfigProvider.getConfig());
            setup = ControlPlaneSetup.prepare(config);
            readiness = ReadinessPolicy.from(config);
        } catch (RuntimeException e) {
            // one clear line before the container's own stack trace
            LOG.log(System.Logger.Level.ERROR, "the proxy cannot start: " + e.getMessage());
            throw e;
        }
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
        ReadinessPolicy r = readiness;
        event.addBean().types(ControlPlaneSetup.class, Object.class).scope(Singleton.class).createWith(c -> s);
        event.addBean().types(RegistrySettings.class, Object.class).scope(Singleton.class).createWith(c -> s.registry());
        event.addBean().types(AgentSecrets.class, Object.class).scope(Singleton.class).createWith(c -> s.secrets());
        event.addBean().types(AdminToken.class, Object.class).scope(Singleton.class).createWith(c -> s.adminToken());
        event.addBean().types(ReadinessPolicy.class, Object.class).scope(Singleton.class).createWith(c -> r);
    }
}
