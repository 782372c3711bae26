package io.inteli.proxy.dashboard;

import java.time.Instant;
import java.util.List;

import io.inteli.proxy.admin.BackendView;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendState;
import io.inteli.proxy.registry.RegistrySnapshot;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One frame of the dashboard's live stream, written by JSON-B: every backend in the admin API's shape
 * ({@link BackendView}, with its figures of the last minute), the proxy's totals and the chart's history. Figures not
 * known yet are null, so the page shows a dash rather than a zero.
 */
@JsonbPropertyOrder({"at", "shuttingDown", "totals", "history", "backends"})
public record DashboardSnapshot(Instant at, boolean shuttingDown, Totals totals, List<Long> history,
                                List<BackendView> backends) {
    /** The window of the totals' requests per second: smooth enough to read, short enough to follow a change. */
    static final int RATE_WINDOW_SECONDS = 5;
    static final int ERROR_WINDOW_SECONDS = 60;

    static DashboardSnapshot of(RegistrySnapshot registry, DataPlaneTraffic traffic, TrafficHistory history,
                                Instant now) {
        List<Backend> all = registry.all();
        TrafficHistory.Second recent = history.lastSeconds(RATE_WINDOW_SECONDS);
        TrafficHistory.Second minute = history.lastSeconds(ERROR_WINDOW_SECONDS);
        Totals totals = new Totals(all.size(), (int) all.stream().filter(b -> b.state() == BackendState.ACTIVE).count(),
                                   traffic.inFlight(), traffic.requests(), traffic.errors(),
                                   (double) recent.requests() / RATE_WINDOW_SECONDS,
                                   minute.requests() > 0 ? (double) minute.errors() / minute.requests() : null);
        return new DashboardSnapshot(now, traffic.draining(), totals, history.requestsPerSecond(),
                                     all.stream().map(b -> BackendView.of(b, now)).toList());
    }

    /**
     * The proxy's totals.
     *
     * @param errorRate 5xx share of the last minute; null without requests
     */
    @JsonbNillable
    @JsonbPropertyOrder({"backends", "active", "inFlight", "requests", "errors", "requestsPerSecond", "errorRate"})
    public record Totals(int backends, int active, int inFlight, long requests, long errors, double requestsPerSecond,
                         Double errorRate) {
    }
}
