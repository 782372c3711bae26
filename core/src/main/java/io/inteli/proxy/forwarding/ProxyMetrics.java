package io.inteli.proxy.forwarding;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.inteli.proxy.lifecycle.DataPlaneTraffic;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The data plane's MicroProfile metrics (served at /metrics on the control socket):
 * {@code inteli.proxy.requests} by backend and status class, {@code inteli.proxy.latency} (timer, by backend),
 * {@code inteli.proxy.in-flight}, {@code inteli.proxy.retries}, {@code inteli.proxy.ejections}. The in-flight gauge
 * reads {@link DataPlaneTraffic}, the one count of requests in flight (also the graceful shutdown's, the readiness
 * check's and the dashboard's), so the figures cannot disagree.
 */
// a singleton on the request path, added by startup.DataPlaneWiring (see there why)
@Singleton
public class ProxyMetrics {
    static final String REQUESTS = "inteli.proxy.requests";
    static final String LATENCY = "inteli.proxy.latency";
    static final String IN_FLIGHT = "inteli.proxy.in-flight";
    static final String RETRIES = "inteli.proxy.retries";
    static final String EJECTIONS = "inteli.proxy.ejections";
    /** The backend tag of requests no backend took (no backend, refused requests). */
    static final String NO_BACKEND = "none";

    private final MetricRegistry registry;
    private final Map<String, PerBackend> perBackend = new ConcurrentHashMap<>();
    private final Counter retries;
    private final Counter ejections;

    @Inject
    ProxyMetrics(MetricRegistry registry, DataPlaneTraffic traffic) {
        this.registry = registry;
        this.retries = registry.counter(RETRIES);
        this.ejections = registry.counter(EJECTIONS);
        registry.gauge(IN_FLIGHT, traffic, DataPlaneTraffic::inFlight);
    }

    void finished(String backend, int status, long nanos) {
        PerBackend metrics = perBackend.computeIfAbsent(backend, this::register);
        int statusClass = Math.min(Math.max(status / 100, 1), 5);
        metrics.requests[statusClass - 1].inc();
        metrics.latency.update(Duration.ofNanos(nanos));
    }

    // looked up once per backend id: the registry's lookup builds and sorts a metric id on every call
    private PerBackend register(String backend) {
        Tag backendTag = new Tag("backend", backend);
        Counter[] requests = new Counter[5];
        for (int i = 0; i < requests.length; i++) {
            requests[i] = registry.counter(REQUESTS, backendTag, new Tag("status_class", (i + 1) + "xx"));
        }
        return new PerBackend(requests, registry.timer(LATENCY, backendTag));
    }

    private record PerBackend(Counter[] requests, Timer latency) {
    }

    void retried() {
        retries.inc();
    }

    void ejected() {
        ejections.inc();
    }
}
