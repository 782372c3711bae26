package io.inteli.proxy.lifecycle;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.RegistryEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Every open WebSocket tunnel of the data plane, so that something outside its two pumps can end it: the idle timeout
 * ({@code inteli.proxy.tunnel-idle-timeout}: no byte either way for that long), the end of a drain (a draining backend
 * removed after the drain timeout still had tunnels open: they are closed then), and a graceful shutdown whose
 * timeout ran out. A backend removed without a drain (its agent's socket was lost) keeps its tunnels: the backend
 * itself may be well. The gauge {@code inteli.proxy.tunnels.open} counts them.
 */
// a singleton on the request path, added by startup.DataPlaneWiring (see there why)
@Singleton
public class OpenTunnels {
    public static final Key IDLE_TIMEOUT = Key.of("inteli.proxy.tunnel-idle-timeout", "1h");
    static final String GAUGE = "inteli.proxy.tunnels.open";
    private static final System.Logger LOG = System.getLogger(OpenTunnels.class.getName());

    private final Set<Handle> open = ConcurrentHashMap.newKeySet();
    private final long idleNanos;
    private final ScheduledExecutorService timer;

    @Inject
    OpenTunnels(Config config, BackendRegistry registry, MetricRegistry metrics) {
        this(idleTimeout(new ConfigValues(config)));
        registry.addListener((event, snapshot) -> {
            if (event.kind() == RegistryEvent.Kind.REMOVED && event.backend().draining()) {
                closeTunnelsOf(event.backend(), "backend " + event.backend().id() + " removed ("
                        + event.reason() + ")");
            }
        });
        metrics.gauge(GAUGE, open, Set::size);
    }

    OpenTunnels(Duration idleTimeout) {
        this.idleNanos = idleTimeout.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inteli-tunnel-timeouts");
            t.setDaemon(true);
            return t;
        });
        // an idle tunnel is closed between the timeout and an eighth more (at most a second more)
        long tick = Math.clamp(idleNanos / 8, 10_000_000L, 1_000_000_000L);
        timer.scheduleWithFixedDelay(this::closeIdle, tick, tick, TimeUnit.NANOSECONDS);
    }

    /** @throws io.inteli.proxy.config.InvalidConfigurationException naming the key when its value is invalid */
    public static Duration idleTimeout(ConfigValues config) {
        return config.positiveDuration(IDLE_TIMEOUT);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /**
     * Counts a tunnel to {@code backend} open until {@link Handle#close()}.
     *
     * @param peer  the client's address, for the log
     * @param close ends both connections (and so both pumps); may be called more than once
     */
    public Handle open(Backend backend, String peer, Runnable close) {
        Handle h = new Handle(backend, peer, close);
        backend.load().tunnelOpened();
        open.add(h);
        return h;
    }

    int count() {
        return open.size();
    }

    /** After the shutdown timeout: closes every tunnel still open, one log line each. */
    void closeAll(String why) {
        for (Handle h : open) {
            h.cut(why);
        }
    }

    private void closeTunnelsOf(Backend backend, String why) {
        for (Handle h : open) {
            if (h.backend.registration() == backend.registration()) {
                h.cut(why);
            }
        }
    }

    private void closeIdle() {
        long now = System.nanoTime();
        for (Handle h : open) {
            if (now - h.activeSince > idleNanos) {
                h.cut("no bytes either way for " + Duration.ofNanos(idleNanos) + " (" + IDLE_TIMEOUT + ")");
            }
        }
    }

    /** One open tunnel. */
    public final class Handle implements AutoCloseable {
        private final Backend backend;
        private final String peer;
        private final Runnable close;
        private volatile long activeSince = System.nanoTime();
        private volatile boolean closed;

        private Handle(Backend backend, String peer, Runnable close) {
            this.backend = backend;
            this.peer = peer;
            this.close = close;
        }

        /** Bytes went through: the idle timeout counts from now. */
        public void active() {
            activeSince = System.nanoTime();
        }

        private void cut(String why) {
            if (!closed) {
                LOG.log(Level.INFO, "closing the WebSocket tunnel from {0} to backend {1}: {2}", peer, backend.id(),
                        why);
                close.run();
            }
        }

        /** The tunnel ended: no longer counted. */
        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                open.remove(this);
                backend.load().tunnelClosed();
            }
        }
    }
}
