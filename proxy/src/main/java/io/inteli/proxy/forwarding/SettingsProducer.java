package io.inteli.proxy.forwarding;

import io.inteli.proxy.balancing.BalancerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Makes the settings the extension checked at start-up injectable. */
@ApplicationScoped
class SettingsProducer {
    private final DataPlaneExtension extension;

    @Inject
    SettingsProducer(DataPlaneExtension extension) {
        this.extension = extension;
    }

    SettingsProducer() {
        this.extension = null;
    }

    @Produces
    @Singleton
    ProxySettings proxySettings() {
        return extension.proxySettings();
    }

    @Produces
    @Singleton
    BalancerSettings balancerSettings() {
        return extension.balancerSettings();
    }
}
