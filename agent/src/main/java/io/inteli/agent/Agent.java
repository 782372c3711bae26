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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLContext;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.WebSocketContainer;
import io.inteli.protocol.Durations;


/**
 * Runs the registrations with every configured proxy in the background: waits for the backend's own listener,
 * starts one {@link ProxyLink} per proxy, relays readiness changes, and deregisters on {@link #stop}.
 * <p>
 * Public for the standalone registrar ({@code registrar/}), which registers a backend that is not its own process
 * with this same code: {@link #of}, {@link #start}, {@link #readinessMayHaveChanged}, {@link #stop}.
 */
public final class Agent {
    private static final Logger LOG = Logger.getLogger(Agent.class.getName());
    private static final Duration LISTENER_POLL = Duration.ofMillis(100);

    private final AgentSettings settings;
    private final Consumer<AgentEvent> events;
    private final ReadinessProbe readiness;
    private final ScheduledExecutorService scheduler;
    private volatile List<Registration> links = List.of();
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

    /**
     * An agent for a backend given by configuration alone (the registrar): {@code inteli.agent.proxies} and
     * {@code inteli.agent.url} are required, the TLS settings are checked at once.
     *
     * @param config    one optional value per key, as MicroProfile Config gives them
     * @param readiness whether the backend is ready for traffic; asked when registered and on
     *                  {@link #readinessMayHaveChanged}
     * @param events    told of every registration change, on the agent's threads
     * @throws IllegalArgumentException for the first invalid or missing value; the message starts with its key
     */
    public static Agent of(Function<String, Optional<String>> config, BooleanSupplier readiness,
                           Consumer<AgentEvent> events) {
        if (config.apply(AgentSettings.URL).filter(url -> !url.isBlank()).isEmpty()
                && config.apply(AgentSettings.PROXIES).filter(proxies -> !proxies.isBlank()).isPresent()) {
            throw new InvalidSettingException(AgentSettings.URL, "is required: the backend's own URL,"
                    + " http(s)://host:port[/base-path], where the proxies send its requests");
        }
        AgentSettings settings = AgentSettings.read(key -> key.startsWith("server.") ? Optional.empty()
                : config.apply(key));
        if (!settings.enabled()) {
            throw new InvalidSettingException(AgentSettings.ENABLED, "is false: there is nothing to register");
        }
        if (!settings.active()) {
            throw new InvalidSettingException(AgentSettings.PROXIES, "is required (wss://host:port/registry)");
        }
        if (settings.truststore().isPresent()) {
            // The one TLS setting that can still be wrong (password, format); pins are checked as text. Building
            // a TLS context costs a few hundred milliseconds at start-up, so only then.
            ProxyTls.context(settings);
        }
        return new Agent(settings, events, readiness::getAsBoolean);
    }

    /** Every {@code inteli.*} key the agent (and so the registrar) reads: for the unknown-key warning. */
    public static Set<String> knownKeys() {
        return AgentKeys.DEFAULTS.keySet();
    }

    /** One line for a log: who registers where. */
    public String describe() {
        return settings.agentId() + " (" + settings.url() + ") with " + settings.proxies();
    }

    /** How long {@link #stop} waits at most for the proxies' {@code stopped}. */
    public Duration drainTimeout() {
        return settings.drainTimeout();
    }

    /** Asks the readiness probe now (instead of at the next poll) and tells the proxies if it changed. */
    public void readinessMayHaveChanged() {
        synchronized (this) {
            if (stopping || readinessPoll == null) {
                return;
            }
        }
        try {
            scheduler.execute(this::pollReadiness);
        } catch (RejectedExecutionException e) {
            // stopping meanwhile: nothing to tell
        }
    }

    /** Returns at once; registration goes on in the background and never fails the application. */
    public void start() {
        scheduler.execute(() -> {
            try {
                awaitListener();
                if (stopping) {
                    return;
                }
                SSLContext tls = ProxyTls.context(settings);
                WebSocketContainer container = ContainerProvider.getWebSocketContainer();
                ProxyTls.honourSslContext(container, tls);
                List<Registration> created = settings.proxies().stream().map(proxy -> DnsName.isDns(proxy)
                        ? fleet(proxy, container) : new ProxyLink(proxy, settings, tls, container, scheduler, events,
                        readiness)).toList();
                synchronized (this) {
                    if (stopping) {
                        return;
                    }
                    links = created;
                    created.forEach(Registration::begin);
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
    public void stop() {
        List<Registration> current;
        synchronized (this) {
            stopping = true;
            if (readinessPoll != null) {
                readinessPoll.cancel(false);
            }
            current = links;
        }
        LOG.log(Level.INFO, "deregistering from {0} proxies (waiting at most {1})", new Object[] {Integer.toString(current.size()), Durations.format(settings.drainTimeout())});
        CompletableFuture<?>[] drained = current.stream().map(Registration::stop).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(drained).get(settings.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "not every proxy answered stopped within {0} ({1}); shutting down anyway", new Object[] {Durations.format(settings.drainTimeout()), AgentSettings.DRAIN_TIMEOUT});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "deregistration failed", e.getCause());
        }
        current.forEach(Registration::abandon);
        scheduler.shutdownNow();
    }

    /**
     * Every address of a {@code dns+wss://} name, each its own {@link ProxyLink} whose TLS is verified for the name
     * (a connection goes to the address, the certificate names the name).
     */
    private DnsFleet fleet(URI name, WebSocketContainer container) {
        DnsName dns = new DnsName(name);
        warnIfDnsCachedLonger();
        SSLContext tls = ProxyTls.context(settings, dns.host());
        ProxyTls.honourSslContext(container, tls);
        return new DnsFleet(dns, DnsFleet.SYSTEM_RESOLVER, settings.dnsRefresh(), settings.drainTimeout(), scheduler,
                address -> new ProxyLink(dns.at(address), settings, tls, container, scheduler, events, readiness));
    }

    /**
     * The JVM caches a name's addresses for {@code networkaddress.cache.ttl} (30 s when unset): a fleet's changes are
     * seen no sooner. The registrar sets it to 0; in an application server it is the operator's choice.
     */
    private void warnIfDnsCachedLonger() {
        String ttl = java.security.Security.getProperty("networkaddress.cache.ttl");
        long seconds;
        try {
            seconds = ttl == null ? 30 : Long.parseLong(ttl.trim());
        } catch (NumberFormatException e) {
            seconds = 30;
        }
        if (seconds < 0 || seconds > settings.dnsRefresh().toSeconds()) {
            LOG.log(Level.INFO, "the JVM caches DNS answers for {0} (security property networkaddress.cache.ttl):"
                    + " proxies added to or removed from a dns+ name are seen after that, not after {1} ({2})",
                    new Object[] {seconds < 0 ? "ever" : seconds + " s", Durations.format(settings.dnsRefresh()),
                            AgentSettings.DNS_REFRESH});
        }
    }

    /**
     * Tells every registration the current readiness each time, not only on a change seen here: each link sends
     * {@code status} only when it differs from what that link last sent, so a change that came and went between two
     * polls (a backend not ready when it registered, ready by the next poll) is never lost.
     */
    private synchronized void pollReadiness() {
        boolean ready = readiness.ready();
        if (ready != lastReady) {
            lastReady = ready;
            LOG.log(Level.INFO, "readiness changed to {0}: telling the proxies", ready ? "UP" : "DOWN");
        }
        links.forEach(link -> link.readinessChanged(ready));
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
