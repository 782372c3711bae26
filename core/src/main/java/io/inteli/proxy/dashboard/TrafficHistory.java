package io.inteli.proxy.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.lifecycle.DataPlaneTraffic;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The proxy's requests and errors per second over the last minutes, for the dashboard's chart and totals: one
 * sample of the data plane's counters a second, kept in a ring of {@link #SECONDS} entries.
 */
@ApplicationScoped
class TrafficHistory {
    static final int SECONDS = 300;

    private final DataPlaneTraffic traffic;
    private final ArrayDeque<Second> seconds = new ArrayDeque<>(SECONDS + 1);
    private ScheduledExecutorService sampler;
    private long lastRequests;
    private long lastErrors;

    @Inject
    TrafficHistory(DataPlaneTraffic traffic) {
        this.traffic = traffic;
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        lastRequests = traffic.requests();
        lastErrors = traffic.errors();
        sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("traffic-history")
                                                                     .factory());
        sampler.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    synchronized void sample() {
        long requests = traffic.requests();
        long errors = traffic.errors();
        seconds.addLast(new Second(requests - lastRequests, errors - lastErrors));
        lastRequests = requests;
        lastErrors = errors;
        while (seconds.size() > SECONDS) {
            seconds.removeFirst();
        }
    }

    /** Requests per second, oldest first, at most {@link #SECONDS} values. */
    synchronized List<Long> requestsPerSecond() {
        List<Long> values = new ArrayList<>(seconds.size());
        seconds.forEach(s -> values.add(s.requests));
        return values;
    }

    /** Requests and errors of the last {@code window} seconds. */
    synchronized Second lastSeconds(int window) {
        long requests = 0;
        long errors = 0;
        var it = seconds.descendingIterator();
        for (int i = 0; i < window && it.hasNext(); i++) {
            Second s = it.next();
            requests += s.requests;
            errors += s.errors;
        }
        return new Second(requests, errors);
    }

    record Second(long requests, long errors) {
    }
}
