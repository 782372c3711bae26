package io.inteli.proxy.startup;

import java.lang.System.Logger.Level;
import java.util.Optional;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.inteli.proxy.tls.DataPlaneTls;
import io.inteli.proxy.tls.DataPlaneTlsFeature;
import io.inteli.proxy.tls.DataPlaneTlsSettings;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * HTTPS toward clients: checks the {@code inteli.proxy.tls.*} keys before the server is built, makes sure the
 * generated keystore exists, and gives the data-plane socket its key material and reloading.
 */
public class DataPlaneTlsWiring implements Extension {
    private static final System.Logger LOG = System.getLogger(DataPlaneTlsWiring.class.getName());
    private DataPlaneTlsSettings settings;
    private Optional<DataPlaneTls> tls = Optional.empty();
    private DataPlaneTlsFeature feature;

    // Late: Helidon's test extension adds @AddConfig values in its own BeforeBeanDiscovery observer (default
    // priority); reading config before it would see the defaults.
    void prepare(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) BeforeBeanDiscovery event) {
        try {
            settings = DataPlaneTlsSettings.from(ConfigProvider.getConfig());
            tls = DataPlaneTls.prepare(settings);
        } catch (RuntimeException e) {
            // one clear line before the container's own stack trace
            LOG.log(Level.ERROR, "the proxy cannot start: " + e.getMessage());
            throw e;
        }
        if (tls.isEmpty() && settings.keystore().isPresent()) {
            LOG.log(Level.WARNING, "{0} is set but {1}=false: the data plane speaks plain HTTP",
                    DataPlaneTlsSettings.KEYSTORE, DataPlaneTlsSettings.ENABLED);
        }
    }

    // before the server is built (ServerCdiExtension starts it at PLATFORM_AFTER + 100)
    void addFeature(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE + 10) @Initialized(ApplicationScoped.class)
                    Object event, ServerCdiExtension server) {
        tls.ifPresent(t -> {
            feature = new DataPlaneTlsFeature(t, settings.checkInterval());
            server.addFeature(feature);
        });
    }

    void stopWatching(@Observes BeforeShutdown event) {
        if (feature != null) {
            feature.stop();
        }
    }
}
