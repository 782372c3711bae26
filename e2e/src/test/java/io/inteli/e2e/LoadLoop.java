package io.inteli.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Clients sending GET requests through the proxy without pause, counting answers per backend and every failure
 * (an error status or an I/O error).
 */
final class LoadLoop implements AutoCloseable {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, LongAdder> perBackend = new ConcurrentHashMap<>();
    private final AtomicLong ok = new AtomicLong();
    private final List<String> failures = new ArrayList<>();
    private volatile boolean running = true;

    LoadLoop(URI target, int clients) {
        this.target = target;
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().daemon().name("load-" + i).start(this::run));
        }
    }

    private void run() {
        while (running) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    ok.incrementAndGet();
                    perBackend.computeIfAbsent(backendOf(response.body()), k -> new LongAdder()).increment();
                } else {
                    failed(response.statusCode() + " " + response.body().strip());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failed(e.toString());
            }
        }
    }

    /** The demo answers {@code hello from <id>} (or {@code slow hello from <id> after ...}). */
    static String backendOf(String body) {
        int from = body.indexOf("from ");
        if (from < 0) {
            return body.strip();
        }
        String rest = body.substring(from + 5).strip();
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }

    private synchronized void failed(String what) {
        failures.add(what);
    }

    long succeeded() {
        return ok.get();
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    long servedBy(String backend) {
        LongAdder count = perBackend.get(backend);
        return count == null ? 0 : count.sum();
    }

    Map<String, Long> perBackend() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        perBackend.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(35));
        }
    }
}
