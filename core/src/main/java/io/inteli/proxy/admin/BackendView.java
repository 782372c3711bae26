package io.inteli.proxy.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendStats;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The one JSON shape of a backend, written by JSON-B: each element of {@code GET /admin/backends}, the answer to an
 * admin action (the backend after it), and each backend of the dashboard's snapshots. The names are the admin API's
 * (documented in docs/configuration.md); figures not known yet (no pong, no request in the last minute) are
 * {@code null}, never left out.
 *
 * @param lastPingRttMs     the last WebSocket ping round trip, in milliseconds with microsecond precision
 * @param requests          requests of the last minute, from the data plane's per-backend statistics
 * @param requestsPerSecond {@code requests} per second of that minute
 * @param errorRate         5xx share of that minute (the proxy's own 502/504 included)
 */
@JsonbNillable
@JsonbPropertyOrder({"id", "url", "weight", "routes", "state", "disabled", "inFlight", "tunnels", "registeredAt",
        "uptimeSeconds", "lastPingRttMs", "requests", "requestsPerSecond", "errorRate", "p50Ms", "p99Ms"})
public record BackendView(String id, String url, int weight, List<String> routes, String state, boolean disabled,
                          int inFlight, int tunnels, Instant registeredAt, long uptimeSeconds, Double lastPingRttMs,
                          long requests, double requestsPerSecond, Double errorRate, Double p50Ms, Double p99Ms) {

    public static BackendView of(Backend backend, Instant now) {
        long rtt = backend.load().lastPingRttNanos();
        BackendStats.Window minute = backend.load().stats().lastMinute();
        return new BackendView(backend.id(), backend.url().toString(), backend.weight(), backend.routes(),
                               backend.state().name(), backend.disabled(), backend.load().inFlight(),
                               backend.load().tunnels(), backend.registeredAt(),
                               Math.max(0, Duration.between(backend.registeredAt(), now).toSeconds()),
                               // microsecond precision: loopback round trips are well under a millisecond
                               rtt < 0 ? null : Math.round(rtt / 1_000.0) / 1_000.0,
                               minute.requests(), minute.requestsPerSecond(),
                               minute.requests() > 0 ? minute.errorRate() : null,
                               millis(minute.p50()), millis(minute.p99()));
    }

    private static Double millis(Optional<Duration> value) {
        return value.map(d -> d.toNanos() / 1_000_000.0).orElse(null);
    }
}
