package io.inteli.proxy.forwarding;

import io.inteli.proxy.balancing.BalancerSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads and checks the data plane's settings before the server starts (an invalid value stops start-up with a
 * message naming its key), and keeps only the chosen front door: the other one is vetoed, so it is never routed.
 */
public class DataPlaneExtension implements Extension {
    private ProxySettings proxySettings;
    private BalancerSettings balancerSettings;

    void readSettings(@Observes BeforeBeanDiscovery event) {
        try {
            proxySettings = ProxySettings.from(ConfigProvider.getConfig());
            balancerSettings = BalancerSettings.from(ConfigProvider.getConfig());
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("invalid configuration: " + e.getMessage(), e);
        }
    }

    void keepChosenFrontDoor(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ProcessAnnotatedType<?> type) {
        Class<?> c = type.getAnnotatedType().getJavaClass();
        boolean jaxrs = proxySettings.frontDoor() == ProxySettings.FrontDoor.JAXRS;
        if ((c == NativeFrontDoor.class && jaxrs)
                || ((c == JaxRsFrontDoor.class || c == DataPlaneApplication.class) && !jaxrs)) {
            type.veto();
        }
    }

    ProxySettings proxySettings() {
        return proxySettings;
    }

    BalancerSettings balancerSettings() {
        return balancerSettings;
    }
}
