package io.inteli.proxy.dataplane;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.forwarding.ClientLimits;
import io.inteli.proxy.forwarding.Forwarder;
import io.inteli.proxy.forwarding.ProxySettings;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.lifecycle.OpenTunnels;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

/**
 * What every client connection of the data plane shares (both front doors: the native one forwards each accepted
 * request, the jaxrs one hands it to its JAX-RS container): the limits, the data-plane gate and in-flight counter,
 * and one timer that enforces the head and body timeouts of all open connections.
 */
@ApplicationScoped
class ClientConnections {
    private static final long DEPARTURE_TICK_NANOS = 50_000_000L;
    private final Forwarder forwarder;
    private final ProxySettings settings;
    private final DataPlaneTraffic traffic;
    private final OpenTunnels tunnels;
    private final AbortLog abortLog = new AbortLog();
    private final Set<ClientConnection> open = ConcurrentHashMap.newKeySet();
    private final long headerTimeoutNanos;
    private final long bodyTimeoutNanos;
    private ScheduledExecutorService timer;
    private RequestHandler handler;

    @Inject
    ClientConnections(Forwarder forwarder, ProxySettings settings, ClientLimits limits,
                             DataPlaneTraffic traffic, OpenTunnels tunnels) {
        this.tunnels = tunnels;
        this.forwarder = forwarder;
        this.settings = settings;
        this.traffic = traffic;
        this.headerTimeoutNanos = limits.headerTimeout().toNanos();
        this.bodyTimeoutNanos = limits.bodyTimeout().toNanos();
    }

    /** Installs the handler before Helidon starts its server (which it does at PLATFORM_AFTER + 100). */
    void install(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) @Initialized(ApplicationScoped.class)
                 Object event) {
        // the jaxrs front door runs on the same connections: only what becomes of an accepted request differs
        handler = settings.frontDoor() == ProxySettings.FrontDoor.JAXRS ? new JaxRsContainer(forwarder)
                : forwarder::forward;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inteli-client-timeouts");
            t.setDaemon(true);
            return t;
        });
        // a timeout fires between its value and an eighth more
        long tick = Math.clamp(Math.min(headerTimeoutNanos, bodyTimeoutNanos) / 8, 5_000_000L, 1_000_000_000L);
        timer.scheduleWithFixedDelay(this::checkTimeouts, tick, tick, TimeUnit.NANOSECONDS);
        // a client leaving while its backend is silent is seen within WATCH_AFTER and one tick (DepartureWatch)
        timer.scheduleWithFixedDelay(this::checkDepartures, DEPARTURE_TICK_NANOS, DEPARTURE_TICK_NANOS,
                                     TimeUnit.NANOSECONDS);
        DataPlaneSelectorProvider.install(this);
    }

    @PreDestroy
    void uninstall() {
        DataPlaneSelectorProvider.install(null);
        if (handler instanceof JaxRsContainer jaxrs) {
            jaxrs.close();
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void checkTimeouts() {
        long now = System.nanoTime();
        for (ClientConnection c : open) {
            c.checkTimeout(now, headerTimeoutNanos, bodyTimeoutNanos);
        }
    }

    private void checkDepartures() {
        long now = System.nanoTime();
        for (ClientConnection c : open) {
            c.checkDeparture(now);
        }
    }

    void opened(ClientConnection c) {
        open.add(c);
    }

    void closed(ClientConnection c) {
        open.remove(c);
    }

    RequestHandler handler() {
        return handler;
    }

    ProxySettings settings() {
        return settings;
    }

    DataPlaneTraffic traffic() {
        return traffic;
    }

    OpenTunnels tunnels() {
        return tunnels;
    }

    AbortLog abortLog() {
        return abortLog;
    }
}
