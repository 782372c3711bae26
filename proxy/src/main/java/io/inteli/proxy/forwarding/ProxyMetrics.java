package io.inteli.proxy.forwarding;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The data plane's MicroProfile metrics (served at /metrics on the control socket):
 * {@code inteli.proxy.requests} by backend and status class, {@code inteli.proxy.latency} (timer, by backend),
 * {@code inteli.proxy.in-flight}, {@code inteli.proxy.retries}, {@code inteli.proxy.ejections}.
 */
@ApplicationScoped
public class ProxyMetrics {
    static final String REQUESTS = "inteli.proxy.requests";
    static final String LATENCY = "inteli.proxy.latency";
    static final String IN_FLIGHT = "inteli.proxy.in-flight";
    static final String RETRIES = "inteli.proxy.retries";
    static final String EJECTIONS = "inteli.proxy.ejections";
    /** The backend tag of requests no backend took (no backend, refused requests). */
    static final String NO_BACKEND = "none";

    private final MetricRegistry registry;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter retries;
    private final Counter ejections;

    @Inject
    public ProxyMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.retries = registry.counter(RETRIES);
        this.ejections = registry.counter(EJECTIONS);
        registry.gauge(IN_FLIGHT, inFlight, AtomicInteger::get);
    }

    void started() {
        inFlight.incrementAndGet();
    }

    void finished(String backend, int status, long nanos) {
        inFlight.decrementAndGet();
        Tag backendTag = new Tag("backend", backend);
        registry.counter(REQUESTS, backendTag, new Tag("status_class", (status / 100) + "xx")).inc();
        registry.timer(LATENCY, backendTag).update(Duration.ofNanos(nanos));
    }

    void retried() {
        retries.inc();
    }

    void ejected() {
        ejections.inc();
    }
}
