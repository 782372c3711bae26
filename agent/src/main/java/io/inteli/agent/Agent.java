package io.inteli.agent;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;


/**
 * Runs the registrations with every configured proxy in the background: waits for the backend's own listener,
 * starts one {@link ProxyLink} per proxy, relays readiness changes, and deregisters on {@link #stop}.
 */
final class Agent {
    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    private static final Duration LISTENER_POLL = Duration.ofMillis(100);

    private final AgentSettings settings;
    private final Consumer<AgentEvent> events;
    private final ReadinessProbe readiness;
    private final ScheduledExecutorService scheduler;
    private volatile List<ProxyLink> links = List.of();
    private volatile boolean stopping;
    private ScheduledFuture<?> readinessPoll;
    private boolean lastReady = true;

    Agent(AgentSettings settings, Consumer<AgentEvent> events, ReadinessProbe readiness) {
        this.settings = settings;
        this.events = events;
        this.readiness = readiness;
        // Threads inherit the application's class loader, which the WebSocket container lookup needs.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(Math.max(2, settings.proxies().size()), task -> {
            Thread thread = new Thread(task, "inteli-agent-" + n.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        });
    }

    /** Returns at once; registration goes on in the background and never fails the application. */
    void start() {
        scheduler.execute(() -> {
            try {
                awaitListener();
                if (stopping) {
                    return;
                }
                SSLContext tls = ProxyTls.context(settings);
                WebSocketContainer container = ContainerProvider.getWebSocketContainer();
                ProxyTls.honourSslContext(container, tls);
                List<ProxyLink> created = settings.proxies().stream()
                        .map(proxy -> new ProxyLink(proxy, settings, tls, container, scheduler, events, readiness))
                        .toList();
                synchronized (this) {
                    if (stopping) {
                        return;
                    }
                    links = created;
                    created.forEach(ProxyLink::begin);
                    long every = settings.readinessInterval().toMillis();
                    readinessPoll = scheduler.scheduleWithFixedDelay(this::pollReadiness, every, every,
                            TimeUnit.MILLISECONDS);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "the inteli agent cannot start; this backend does not register", e);
            }
        });
    }

    /**
     * Deregisters from every proxy and waits until each has drained this backend's requests (answered
     * {@code stopped}), at most the drain timeout.
     */
    void stop() {
        List<ProxyLink> current;
        synchronized (this) {
            stopping = true;
            if (readinessPoll != null) {
                readinessPoll.cancel(false);
            }
            current = links;
        }
        LOG.log(Level.INFO, "deregistering from {0} proxies (waiting at most {1})", new Object[] {Integer.toString(current.size()), settings.drainTimeout()});
        CompletableFuture<?>[] drained = current.stream().map(ProxyLink::stop).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(drained).get(settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "not every proxy answered stopped within {0} ({1}); shutting down anyway", new Object[] {settings.drainTimeout(), AgentSettings.DRAIN_TIMEOUT});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "deregistration failed", e.getCause());
        }
        current.forEach(ProxyLink::abandon);
        scheduler.shutdownNow();
    }

    private void pollReadiness() {
        boolean ready = readiness.ready();
        if (ready != lastReady) {
            lastReady = ready;
            LOG.log(Level.INFO, "readiness changed to {0}: telling the proxies", ready ? "UP" : "DOWN");
            links.forEach(link -> link.readinessChanged(ready));
        }
    }

    /**
     * A proxy must not route to this backend before it accepts connections: the runtime may announce the
     * application before its HTTP listener is bound.
     */
    private void awaitListener() {
        URI url = URI.create(settings.url());
        int port = url.getPort();
        long started = System.nanoTime();
        boolean warned = false;
        while (!stopping) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(url.getHost(), port), 1000);
                return;
            } catch (IOException e) {
                if (!warned && System.nanoTime() - started > TimeUnit.SECONDS.toNanos(30)) {
                    LOG.log(Level.WARNING, "{0} does not accept connections yet; check {1}", new Object[] {settings.url(),
                            AgentSettings.URL});
                    warned = true;
                }
            }
            try {
                Thread.sleep(LISTENER_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
