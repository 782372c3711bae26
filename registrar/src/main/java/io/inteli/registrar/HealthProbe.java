package io.inteli.registrar;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.inteli.protocol.Durations;

/**
 * The backend's readiness as its health URL says: a GET every interval, a 2xx answer within the interval means
 * ready, anything else (another status, a refused connection, no answer in time) means not ready. Without a health
 * URL the backend is always ready.
 */
final class HealthProbe {
    static final String HEALTH_URL = "inteli.agent.health-url";
    static final String HEALTH_INTERVAL = "inteli.agent.health-interval";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    private static final Logger LOG = Logger.getLogger(HealthProbe.class.getName());

    private final Optional<URI> url;
    private final Duration interval;
    private volatile boolean ready;
    private volatile Runnable onChange = () -> { };

    private HealthProbe(Optional<URI> url, Duration interval) {
        this.url = url;
        this.interval = interval;
        this.ready = url.isEmpty();
    }

    /** @throws IllegalArgumentException naming the key of an invalid value */
    static HealthProbe of(Function<String, Optional<String>> config) {
        Optional<String> text = config.apply(HEALTH_URL).map(String::trim).filter(v -> !v.isEmpty());
        Optional<URI> url = text.map(HealthProbe::url);
        Duration interval = config.apply(HEALTH_INTERVAL).map(String::trim).filter(v -> !v.isEmpty())
                .map(v -> {
                    try {
                        return Durations.parsePositive(v);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(HEALTH_INTERVAL + ": " + e.getMessage());
                    }
                }).orElse(DEFAULT_INTERVAL);
        return new HealthProbe(url, interval);
    }

    private static URI url(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // same message
        }
        throw new IllegalArgumentException(HEALTH_URL + ": '" + text + "' must be an http:// or https:// URL");
    }

    boolean ready() {
        return ready;
    }

    Duration interval() {
        return interval;
    }

    /** Polls in the background (a daemon thread) and runs {@code onChange} after every change of readiness. */
    void start(Runnable onChange) {
        if (url.isEmpty()) {
            return;
        }
        this.onChange = onChange;
        // The client is built on the poller's thread: start-up does not wait for it.
        Thread.ofVirtual().name("inteli-registrar-health").start(() -> poll(HttpClient.newBuilder()
                .connectTimeout(interval).followRedirects(HttpClient.Redirect.NEVER).build()));
    }

    private void poll(HttpClient client) {
        HttpRequest request = HttpRequest.newBuilder(url.get()).timeout(interval).GET().build();
        boolean first = true;
        while (true) {
            long started = System.nanoTime();
            String answer;
            boolean now;
            try {
                int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                now = status >= 200 && status < 300;
                answer = "answered " + status;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                now = false;
                answer = "did not answer (" + e.getClass().getSimpleName() + ")";
            }
            if (now != ready || first) {
                if (now != ready || !now) {
                    LOG.log(Level.INFO, "{0} {1}: backend {2}", new Object[] {url.get(), answer,
                            now ? "ready" : "not ready"});
                }
                first = false;
                ready = now;
                onChange.run();
            }
            long left = interval.toNanos() - (System.nanoTime() - started);
            try {
                Thread.sleep(Duration.ofNanos(Math.max(0, left)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
