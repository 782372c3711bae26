package io.inteli.proxy.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendState;
import io.inteli.proxy.registry.BackendStats;
import io.inteli.proxy.registry.RegistrySnapshot;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * One frame of the dashboard's live stream: every backend with its figures (requests, errors and latencies over the
 * last minute from the data plane's {@link BackendStats}), the proxy's totals and the chart's history. Figures not
 * known yet (no pong, no request) are null, so the page shows a dash rather than a zero.
 */
final class DashboardSnapshot {
    /** The window of the totals' requests per second: smooth enough to read, short enough to follow a change. */
    static final int RATE_WINDOW_SECONDS = 5;
    static final int ERROR_WINDOW_SECONDS = 60;

    private DashboardSnapshot() {
    }

    static JsonObject of(RegistrySnapshot registry, DataPlaneTraffic traffic, TrafficHistory history, Instant now) {
        JsonArrayBuilder backends = Json.createArrayBuilder();
        for (Backend backend : registry.all()) {
            backends.add(backend(backend, now));
        }
        TrafficHistory.Second recent = history.lastSeconds(RATE_WINDOW_SECONDS);
        TrafficHistory.Second minute = history.lastSeconds(ERROR_WINDOW_SECONDS);
        JsonObjectBuilder totals = Json.createObjectBuilder()
                .add("backends", registry.all().size())
                .add("active", count(registry.all(), BackendState.ACTIVE))
                .add("inFlight", traffic.inFlight())
                .add("requests", traffic.requests())
                .add("errors", traffic.errors())
                .add("requestsPerSecond", (double) recent.requests() / RATE_WINDOW_SECONDS);
        if (minute.requests() > 0) {
            totals.add("errorRate", (double) minute.errors() / minute.requests());
        } else {
            totals.addNull("errorRate");
        }
        JsonArrayBuilder chart = Json.createArrayBuilder();
        history.requestsPerSecond().forEach(chart::add);
        return Json.createObjectBuilder()
                .add("at", now.toString())
                .add("shuttingDown", traffic.draining())
                .add("totals", totals)
                .add("history", chart)
                .add("backends", backends)
                .build();
    }

    private static JsonObjectBuilder backend(Backend backend, Instant now) {
        JsonArrayBuilder routes = Json.createArrayBuilder();
        backend.routes().forEach(routes::add);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", backend.id())
                .add("url", backend.url().toString())
                .add("routes", routes)
                .add("state", backend.state().name())
                .add("disabled", backend.disabled())
                .add("weight", backend.weight())
                .add("inFlight", backend.load().inFlight())
                .add("tunnels", backend.load().tunnels())
                .add("registeredAt", backend.registeredAt().toString())
                .add("uptimeSeconds", Math.max(0, Duration.between(backend.registeredAt(), now).toSeconds()));
        long rtt = backend.load().lastPingRttNanos();
        if (rtt >= 0) {
            json.add("pingRttMs", rtt / 1_000_000.0);
        } else {
            json.addNull("pingRttMs");
        }
        BackendStats.Window minute = backend.load().stats().lastMinute();
        json.add("requests", minute.requests()).add("requestsPerSecond", minute.requestsPerSecond());
        if (minute.requests() > 0) {
            json.add("errorRate", minute.errorRate());
        } else {
            json.addNull("errorRate");
        }
        addMillis(json, "p50Ms", minute.p50());
        addMillis(json, "p99Ms", minute.p99());
        return json;
    }

    private static void addMillis(JsonObjectBuilder json, String name, Optional<Duration> value) {
        if (value.isPresent()) {
            json.add(name, value.get().toNanos() / 1_000_000.0);
        } else {
            json.addNull(name);
        }
    }

    private static int count(List<Backend> backends, BackendState state) {
        return (int) backends.stream().filter(b -> b.state() == state).count();
    }
}
