package io.inteli.proxy.liberty;

import java.io.IOException;
import java.util.List;

import io.inteli.proxy.admin.AdminToken;
import io.inteli.proxy.balancing.Balancer;
import io.inteli.proxy.balancing.BalancerSettings;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.SharedKeys;
import io.inteli.proxy.config.StateDirectory;
import io.inteli.proxy.control.AgentSecrets;
import io.inteli.proxy.control.RegistrySettings;
import io.inteli.proxy.forwarding.ClientLimits;
import io.inteli.proxy.forwarding.Ejector;
import io.inteli.proxy.forwarding.Forwarder;
import io.inteli.proxy.forwarding.ProxyMetrics;
import io.inteli.proxy.forwarding.ProxySettings;
import io.inteli.proxy.health.ReadinessPolicy;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.lifecycle.OpenTunnels;
import io.inteli.proxy.registry.BackendRegistry;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The Open Liberty runtime's start-up: reads and checks the core's settings (a bad value stops the application with
 * one line naming the key), makes what is generated (secret, admin token) in the state directory, logs the control
 * plane's certificate fingerprint (the agents' pin; the certificate itself is Liberty's, see server.xml), and makes
 * the request path's singletons and the settings injectable. What the Helidon runtime's {@code startup} package does
 * for its server, without its listeners, TLS and preflight checks, which are Liberty's here.
 */
public class LibertyWiring implements Extension {
    private static final System.Logger LOG = System.getLogger(LibertyWiring.class.getName());

    /** {@code @Singleton} is not bean-defining under bean-discovery-mode="annotated": added here, as on Helidon. */
    private static final List<Class<?>> REQUEST_PATH = List.of(
            Forwarder.class, ProxyMetrics.class, Ejector.class, Balancer.class, BackendRegistry.class,
            DataPlaneTraffic.class, OpenTunnels.class);

    private List<Object> settings;

    void beforeDiscovery(@Observes BeforeBeanDiscovery event) throws IOException {
        for (Class<?> type : REQUEST_PATH) {
            event.addAnnotatedType(type, type.getName());
        }
        Config config = ConfigProvider.getConfig();
        ConfigValues values = new ConfigValues(config);
        try {
            StateDirectory state = new StateDirectory(SharedKeys.stateDir(values));
            AgentSecrets secrets = AgentSecrets.from(values, state);
            secrets.file().ifPresent(file -> LOG.log(System.Logger.Level.INFO, "agents'' secret (inteli.secret): in {0}",
                                                     file));
            settings = List.of(RegistrySettings.from(values), secrets,
                    adminToken(values, state), ReadinessPolicy.from(values), ProxySettings.from(config),
                    BalancerSettings.from(config), ClientLimits.from(config));
        } catch (RuntimeException e) {
            // one clear line before the container's own stack trace
            LOG.log(System.Logger.Level.ERROR, "the proxy cannot start: " + e.getMessage());
            throw e;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "the proxy cannot start: cannot use the state directory ("
                    + SharedKeys.STATE_DIR.name() + "): " + e);
            throw e;
        }
        ControlCertificate.log(config);
    }

    private static AdminToken adminToken(ConfigValues values, StateDirectory state) throws IOException {
        AdminToken token = AdminToken.from(values, state);
        token.file().ifPresent(file -> LOG.log(System.Logger.Level.INFO,
                                               "admin API token (Authorization: Bearer): in {0}", file));
        return token;
    }

    void addBeans(@Observes AfterBeanDiscovery event) {
        for (Object value : settings) {
            event.addBean().types(value.getClass(), Object.class).scope(Singleton.class).createWith(c -> value);
        }
    }
}
