package io.inteli.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The proxies behind one {@code dns+wss://} name: one registration per address the name resolves to, the name
 * resolved again every refresh interval. A new address is registered with at that refresh; an address that is gone
 * is left as at shutdown ({@code stop}, then drain, at most the drain timeout). A failed lookup changes nothing: a
 * DNS hiccup must not deregister a backend from every proxy at once.
 */
final class DnsFleet implements Registration {
    private static final Logger LOG = Logger.getLogger(DnsFleet.class.getName());

    /** Resolves a name to all its addresses. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    static final Resolver SYSTEM_RESOLVER = host -> Arrays.asList(InetAddress.getAllByName(host));

    private final DnsName name;
    private final Resolver resolver;
    private final Duration refresh;
    private final Duration drainTimeout;
    private final ScheduledExecutorService scheduler;
    private final Function<InetAddress, Registration> registrationAt;

    // Guarded by this.
    private final Map<InetAddress, Registration> links = new LinkedHashMap<>();
    private final List<CompletableFuture<Void>> leaving = new ArrayList<>();
    private ScheduledFuture<?> refreshing;
    private boolean stopped;
    private boolean lastReady = true;
    private boolean lookupFailing;

    DnsFleet(DnsName name, Resolver resolver, Duration refresh, Duration drainTimeout,
             ScheduledExecutorService scheduler, Function<InetAddress, Registration> registrationAt) {
        this.name = name;
        this.resolver = resolver;
        this.refresh = refresh;
        this.drainTimeout = drainTimeout;
        this.scheduler = scheduler;
        this.registrationAt = registrationAt;
    }

    @Override
    public synchronized void begin() {
        if (!stopped && refreshing == null) {
            refreshing = scheduler.scheduleWithFixedDelay(this::resolve, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Resolves the name and registers with new addresses, leaves the ones that are gone. */
    void resolve() {
        List<InetAddress> resolved;
        try {
            resolved = resolver.resolve(name.host());
        } catch (UnknownHostException | RuntimeException e) {
            synchronized (this) {
                LOG.log(lookupFailing ? Level.FINE : Level.WARNING, "{0}: cannot resolve {1} ({2}); keeping the {3}"
                        + " registrations there are", new Object[] {name, name.host(), e.getMessage(),
                        String.valueOf(links.size())});
                lookupFailing = true;
            }
            return;
        }
        synchronized (this) {
            lookupFailing = false;
            if (stopped) {
                return;
            }
            AddressDiff diff = AddressDiff.between(links.keySet(), resolved);
            if (diff.none()) {
                return;
            }
            LOG.log(Level.INFO, "{0}: {1} resolves to {2}; registering with {3}, leaving {4}", new Object[] {name,
                    name.host(), addresses(resolved), addresses(diff.added()), addresses(diff.removed())});
            for (InetAddress gone : diff.removed()) {
                leave(links.remove(gone));
            }
            for (InetAddress address : resolved) {
                if (diff.added().contains(address) && !links.containsKey(address)) {
                    Registration link = registrationAt.apply(address);
                    links.put(address, link);
                    link.begin();
                    if (!lastReady) {
                        link.readinessChanged(false);
                    }
                }
            }
        }
    }

    /** {@code stop} and drain, then close, at most the drain timeout. */
    private void leave(Registration link) {
        CompletableFuture<Void> drained = link.stop();
        leaving.removeIf(CompletableFuture::isDone);
        leaving.add(drained);
        drained.orTimeout(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> link.abandon());
    }

    synchronized List<InetAddress> addresses() {
        return List.copyOf(links.keySet());
    }

    @Override
    public synchronized void readinessChanged(boolean ready) {
        lastReady = ready;
        links.values().forEach(link -> link.readinessChanged(ready));
    }

    @Override
    public synchronized CompletableFuture<Void> stop() {
        stopped = true;
        if (refreshing != null) {
            refreshing.cancel(false);
        }
        List<CompletableFuture<Void>> all = new ArrayList<>(leaving);
        links.values().forEach(link -> all.add(link.stop()));
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    }

    @Override
    public synchronized void abandon() {
        stopped = true;
        links.values().forEach(Registration::abandon);
    }

    private static String addresses(java.util.Collection<InetAddress> addresses) {
        return addresses.stream().map(InetAddress::getHostAddress).toList().toString();
    }
}
