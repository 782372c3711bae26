package io.inteli.proxy.control;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.websocket.WsListener;
import io.inteli.protocol.Protocol;
import io.inteli.proxy.registry.BackendRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The live agent sockets: the one place that knows which connection holds which backend id, counts the sockets
 * not yet authenticated, and keeps the failed authentications per address. Also what the admin API and a
 * graceful shutdown use: {@link #drain(String)} and {@link #closeAll(int, String)}.
 */
@ApplicationScoped
public class AgentConnections {
    static final String TOO_MANY_PENDING = "too many unauthenticated connections";
    static final String BANNED = "too many failed authentications from this address, try later";

    private final BackendRegistry registry;
    private final RegistrySettings settings;
    private final AgentSecrets secrets;
    private final AuthFailures failures;
    private final Map<String, AgentConnection> byId = new ConcurrentHashMap<>();
    private final Set<AgentConnection> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();
    private final ScheduledExecutorService timers;
    /*
     * Timer work (pings, auth and drain timeouts) can block on a socket write, so the timer thread only triggers it.
     * It runs on platform threads, not virtual ones: with the data plane saturating the virtual-thread scheduler,
     * a newly started virtual thread can wait for seconds (measured: up to 14 s with one CPU), while the threads
     * already reading the agents' sockets keep running. Pings sent late made agents look dead and removed every
     * backend of a busy proxy; a platform thread is scheduled by the OS and sends them on time.
     */
    private final ExecutorService executor = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("inteli-registry-work-", 0).factory());

    @Inject
    AgentConnections(BackendRegistry registry, RegistrySettings settings, AgentSecrets secrets) {
        this.registry = registry;
        this.settings = settings;
        this.secrets = secrets;
        this.failures = new AuthFailures(settings.banAfter(), settings.banFor(), System::nanoTime);
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("inteli-registry-timer")
                                                                         .factory());
    }

    /**
     * Asks the agent with this backend id to stop as if it had sent {@code stop}: no new requests, in-flight ones
     * finish (at most the drain timeout), then it is told {@code stopped} and its socket is closed with 1000.
     *
     * @return false when no started agent has this id
     */
    public boolean drain(String backendId) {
        AgentConnection connection = byId.get(backendId);
        return connection != null && connection.drain("drain requested by an operator");
    }

    /** Closes every agent socket (e.g. 1001 "going away" at shutdown); their backends are removed. */
    public void closeAll(int code, String reason) {
        for (AgentConnection connection : List.copyOf(open)) {
            connection.closeFromProxy(code, reason);
        }
    }

    /** The number of open agent sockets, authenticated or not. */
    public int openConnections() {
        return open.size();
    }

    /** Failed authentications since start, all addresses together. */
    public long failedAuthentications() {
        return failures.total();
    }

    WsListener newConnection() {
        return new AgentConnection(this);
    }

    /** Empty when the socket may go on; else why it is refused. */
    Optional<String> admit(AgentConnection connection, String address) {
        if (failures.banned(address)) {
            return Optional.of(BANNED);
        }
        if (pending.incrementAndGet() > settings.maxPending()) {
            pending.decrementAndGet();
            return Optional.of(TOO_MANY_PENDING);
        }
        open.add(connection);
        return Optional.empty();
    }

    void leftPending() {
        pending.decrementAndGet();
    }

    void authenticated(String address) {
        failures.succeeded(address);
    }

    int authenticationFailed(String address) {
        int inARow = failures.failed(address);
        if (failures.justBanned(inARow)) {
            System.getLogger(AgentConnections.class.getName()).log(System.Logger.Level.WARNING,
                    "refusing agent sockets from {0} for {1} after {2} failed authentications in a row", address,
                    settings.banFor(), inARow);
        }
        return inARow;
    }

    void started(String agentId, AgentConnection connection) {
        AgentConnection previous = byId.put(agentId, connection);
        if (previous != null && previous != connection) {
            previous.replaced();
        }
    }

    void ended(String agentId, AgentConnection connection) {
        open.remove(connection);
        if (agentId != null) {
            byId.remove(agentId, connection);
        }
    }

    Future<?> schedule(Runnable task, long delayNanos) {
        try {
            return timers.schedule(() -> executor.execute(task), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: the sockets are being closed anyway
            return CompletableFuture.completedFuture(null);
        }
    }

    Future<?> scheduleRepeating(Runnable task, long periodNanos) {
        try {
            return timers.scheduleAtFixedRate(() -> executor.execute(task), periodNanos, periodNanos,
                                              TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    ExecutorService executor() {
        return executor;
    }

    BackendRegistry registry() {
        return registry;
    }

    RegistrySettings settings() {
        return settings;
    }

    AgentSecrets secrets() {
        return secrets;
    }

    @PreDestroy
    void shutdown() {
        closeAll(Protocol.CLOSE_GOING_AWAY, "going away");
        timers.shutdownNow();
        executor.shutdown();
    }
}
