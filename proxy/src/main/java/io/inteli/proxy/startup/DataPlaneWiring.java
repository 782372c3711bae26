package io.inteli.proxy.startup;

import java.util.List;

import io.inteli.proxy.balancing.Balancer;
import io.inteli.proxy.balancing.BalancerSettings;
import io.inteli.proxy.forwarding.ClientLimits;
import io.inteli.proxy.forwarding.Ejector;
import io.inteli.proxy.forwarding.Forwarder;
import io.inteli.proxy.forwarding.JaxRsFrontDoor;
import io.inteli.proxy.forwarding.ProxyMetrics;
import io.inteli.proxy.forwarding.ProxySettings;
import io.inteli.proxy.http2.DataPlaneJaxRsApplication;
import io.inteli.proxy.http2.NativeFrontDoor;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.lifecycle.OpenTunnels;
import io.inteli.proxy.registry.BackendRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads and checks the data plane's settings before the server starts (an invalid value stops start-up with a
 * message naming its key), makes the request path's beans (registry, balancer, forwarder, ...) and the settings
 * injectable, and keeps only the chosen front door: the other one is vetoed, so it is never routed.
 */
public class DataPlaneWiring implements Extension {
    private static final System.Logger LOG = System.getLogger(DataPlaneWiring.class.getName());

    /**
     * The beans on the request path. They are {@code @Singleton}, which under bean-discovery-mode="annotated" is not
     * a bean-defining annotation, so they are added here. Being singletons, they are injected as themselves: an
     * {@code @ApplicationScoped} bean is reached through a client proxy that Weld dispatches reflectively, measured
     * at about 2 % of the CPU per proxied request.
     */
    private static final List<Class<?>> REQUEST_PATH = List.of(
            Forwarder.class, ProxyMetrics.class, Ejector.class, Balancer.class, BackendRegistry.class,
            DataPlaneTraffic.class, OpenTunnels.class);

    private ProxySettings proxySettings;
    private BalancerSettings balancerSettings;
    private ClientLimits clientLimits;

    // Late: Helidon's test extension adds @AddConfig values in its own BeforeBeanDiscovery observer (default
    // priority); reading config before it would see the defaults.
    void readSettings(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) BeforeBeanDiscovery event) {
        for (Class<?> type : REQUEST_PATH) {
            event.addAnnotatedType(type, type.getName());
        }
        try {
            proxySettings = ProxySettings.from(ConfigProvider.getConfig());
            balancerSettings = BalancerSettings.from(ConfigProvider.getConfig());
            clientLimits = ClientLimits.from(ConfigProvider.getConfig());
        } catch (RuntimeException e) {
            // one clear line before the container's own stack trace
            LOG.log(System.Logger.Level.ERROR, "the proxy cannot start: " + e.getMessage());
            throw e;
        }
        // the server's own HTTP/1 limits follow these settings through startup.HelidonSettings (a config source)
    }

    void keepChosenFrontDoor(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE)
                             @WithAnnotations({Path.class, ApplicationPath.class}) ProcessAnnotatedType<?> type) {
        Class<?> c = type.getAnnotatedType().getJavaClass();
        if ((c == JaxRsFrontDoor.class || c == DataPlaneJaxRsApplication.class) && !jaxrs()) {
            type.veto();
        }
    }

    void keepChosenNativeFrontDoor(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE)
                                   ProcessAnnotatedType<NativeFrontDoor> type) {
        if (jaxrs()) {
            type.veto();
        }
    }

    private boolean jaxrs() {
        return proxySettings.frontDoor() == ProxySettings.FrontDoor.JAXRS;
    }

    void addBeans(@Observes AfterBeanDiscovery event) {
        ProxySettings proxy = proxySettings;
        BalancerSettings balancer = balancerSettings;
        event.addBean().types(ProxySettings.class, Object.class).scope(Singleton.class).createWith(c -> proxy);
        event.addBean().types(BalancerSettings.class, Object.class).scope(Singleton.class).createWith(c -> balancer);
        ClientLimits limits = clientLimits;
        event.addBean().types(ClientLimits.class, Object.class).scope(Singleton.class).createWith(c -> limits);
    }
}
