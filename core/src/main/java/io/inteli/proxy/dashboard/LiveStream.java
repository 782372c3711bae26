package io.inteli.proxy.dashboard;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.RegistryListener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/**
 * The dashboard's server-sent events: one {@link DashboardSnapshot} at once, then one a second, and at once whenever
 * a backend comes, changes or goes. Each stream has its own virtual thread, so a slow browser holds up only itself;
 * it ends when the browser goes (the sink fails or is closed).
 */
@ApplicationScoped
class LiveStream {
    private static final System.Logger LOG = System.getLogger(LiveStream.class.getName());

    private final BackendRegistry registry;
    private final DataPlaneTraffic traffic;
    private final TrafficHistory history;
    private final AtomicInteger open = new AtomicInteger();

    @Inject
    LiveStream(BackendRegistry registry, DataPlaneTraffic traffic, TrafficHistory history) {
        this.registry = registry;
        this.traffic = traffic;
        this.history = history;
    }

    DashboardSnapshot current() {
        return DashboardSnapshot.of(registry.snapshot(), traffic, history, Instant.now());
    }

    /** Starts sending to the sink; returns at once (the response goes out when the resource method returns). */
    void start(SseEventSink sink, Sse sse) {
        Thread.ofVirtual().name("dashboard-events").start(() -> send(sink, sse));
    }

    private void send(SseEventSink sink, Sse sse) {
        Semaphore changed = new Semaphore(0);
        RegistryListener listener = (event, snapshot) -> changed.release();
        registry.addListener(listener);
        open.incrementAndGet();
        try (sink) {
            while (!sink.isClosed()) {
                sink.send(sse.newEventBuilder()
                                  .mediaType(MediaType.APPLICATION_JSON_TYPE)
                                  .data(DashboardSnapshot.class, current())
                                  .build())
                        .toCompletableFuture().join();
                // a tick a second, sooner when a backend comes, changes or goes
                if (changed.tryAcquire(1, TimeUnit.SECONDS)) {
                    changed.drainPermits();
                }
            }
        } catch (CompletionException | IllegalStateException e) {
            LOG.log(Level.DEBUG, "dashboard stream ended: {0}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            registry.removeListener(listener);
            open.decrementAndGet();
        }
    }

    /** Streams being sent now. */
    int open() {
        return open.get();
    }
}
