package io.inteli.proxy.forwarding;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.balancing.BalancerSettings;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Takes a backend out of rotation after {@code inteli.lb.eject-after} consecutive connect failures and puts it
 * back after {@code inteli.lb.eject-for}, as nginx's max_fails / fail_timeout. A registration that was replaced
 * or removed meanwhile is left alone (the registry ignores operations on it).
 */
// a singleton on the request path, added by startup.DataPlaneWiring (see there why)
@Singleton
public class Ejector {
    private static final System.Logger LOG = System.getLogger(Ejector.class.getName());

    private final BackendRegistry registry;
    private final BalancerSettings settings;
    private final ProxyMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("inteli-eject-timer").factory());

    @Inject
    Ejector(BackendRegistry registry, BalancerSettings settings, ProxyMetrics metrics) {
        this.registry = registry;
        this.settings = settings;
        this.metrics = metrics;
    }

    void connectFailed(Backend backend) {
        int failures = backend.load().stats().connectFailed();
        if (settings.ejectAfter() == 0 || failures < settings.ejectAfter()) {
            return;
        }
        boolean wasIn = registry.current(backend).map(b -> !b.ejected()).orElse(false);
        if (!wasIn) {
            return;
        }
        registry.setEjected(backend, true, failures + " consecutive connect failures; back in "
                + settings.ejectFor().toMillis() + " ms").ifPresent(b -> {
            metrics.ejected();
            timer.schedule(() -> readmit(backend), settings.ejectFor().toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    void connected(Backend backend) {
        backend.load().stats().connectSucceeded();
    }

    private void readmit(Backend backend) {
        try {
            backend.load().stats().connectSucceeded();
            registry.setEjected(backend, false, "cool-down over");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not readmit backend " + backend.id(), e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
