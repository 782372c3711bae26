package io.inteli.proxy.registry;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import jakarta.inject.Singleton;

/**
 * The proxy's target list. Copy-on-write: every change builds a new immutable {@link RegistrySnapshot}, so the
 * request path reads without locking. Changes are logged and published to listeners after the lock is released.
 * Every operation on a registration names the {@link Backend} it applies to: an operation on a registration that
 * was since replaced (same id, newer start) does nothing, so an old socket cannot touch the new one.
 */
// a singleton on the request path, added by startup.DataPlaneWiring (see there why)
@Singleton
public class BackendRegistry {
    private static final System.Logger LOG = System.getLogger(BackendRegistry.class.getName());

    private final Object lock = new Object();
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    private volatile RegistrySnapshot snapshot = RegistrySnapshot.EMPTY;
    private long nextRegistration = 1;

    public RegistrySnapshot snapshot() {
        return snapshot;
    }

    public void addListener(RegistryListener listener) {
        listeners.add(listener);
    }

    public void removeListener(RegistryListener listener) {
        listeners.remove(listener);
    }

    /** Adds a routable backend; one already registered with the same id is replaced. */
    public Backend register(String id, URI url, int weight, List<String> routes) {
        List<RegistryEvent> events = new ArrayList<>(2);
        RegistrySnapshot after;
        Backend added;
        synchronized (lock) {
            RegistrySnapshot before = snapshot;
            added = new Backend(nextRegistration++, id, url, weight, routes, Instant.now(), true, false, false, false,
                                new BackendLoad());
            before.find(id).ifPresent(old -> events.add(new RegistryEvent(RegistryEvent.Kind.REPLACED, old,
                                                                          "a new registration of the same id")));
            after = before.with(before.version() + 1, added);
            snapshot = after;
        }
        events.add(new RegistryEvent(RegistryEvent.Kind.REGISTERED, added, "start"));
        publish(events, after);
        return added;
    }

    /** The current view of this registration, if it is still the registered one. */
    public Optional<Backend> current(Backend backend) {
        return snapshot.find(backend.id()).filter(b -> b.registration() == backend.registration());
    }

    public Optional<Backend> find(String id) {
        return snapshot.find(id);
    }

    public Optional<Backend> setReady(Backend backend, boolean ready, String reason) {
        return update(backend, b -> b.withReady(ready), RegistryEvent.Kind.STATE_CHANGED, reason);
    }

    /** No new requests from now on; the caller waits on {@link BackendLoad#whenIdle()} and then removes it. */
    public Optional<Backend> startDraining(Backend backend, String reason) {
        return update(backend, Backend::withDraining, RegistryEvent.Kind.STATE_CHANGED, reason);
    }

    /** An operator's out-of-rotation flag: shows as NOT_READY and survives the agent's own status frames. */
    public Optional<Backend> setDisabled(Backend backend, boolean disabled, String reason) {
        return update(backend, b -> b.withDisabled(disabled), RegistryEvent.Kind.STATE_CHANGED, reason);
    }

    public Optional<Backend> setEjected(Backend backend, boolean ejected, String reason) {
        return update(backend, b -> b.withEjected(ejected), RegistryEvent.Kind.STATE_CHANGED, reason);
    }

    public Optional<Backend> setWeight(Backend backend, int weight, String reason) {
        return update(backend, b -> b.withWeight(weight), RegistryEvent.Kind.WEIGHT_CHANGED, reason);
    }

    /** Removes this registration; false when it is not (or no longer) the registered one. */
    public boolean remove(Backend backend, String reason) {
        RegistrySnapshot after;
        Backend removed;
        synchronized (lock) {
            RegistrySnapshot before = snapshot;
            Optional<Backend> current = before.find(backend.id()).filter(b -> b.registration() == backend.registration());
            if (current.isEmpty()) {
                return false;
            }
            removed = current.get();
            after = before.without(before.version() + 1, backend.id());
            snapshot = after;
        }
        publish(List.of(new RegistryEvent(RegistryEvent.Kind.REMOVED, removed, reason)), after);
        return true;
    }

    private Optional<Backend> update(Backend backend, UnaryOperator<Backend> change, RegistryEvent.Kind kind,
                                     String reason) {
        RegistrySnapshot after;
        Backend changed;
        synchronized (lock) {
            RegistrySnapshot before = snapshot;
            Optional<Backend> current = before.find(backend.id()).filter(b -> b.registration() == backend.registration());
            if (current.isEmpty()) {
                return Optional.empty();
            }
            changed = change.apply(current.get());
            if (changed.equals(current.get())) {
                return Optional.of(changed);
            }
            after = before.with(before.version() + 1, changed);
            snapshot = after;
        }
        publish(List.of(new RegistryEvent(kind, changed, reason)), after);
        return Optional.of(changed);
    }

    private void publish(List<RegistryEvent> events, RegistrySnapshot after) {
        for (RegistryEvent event : events) {
            Backend b = event.backend();
            LOG.log(Level.INFO, "backend {0} {1} ({2}, {3}, weight {4}, routes {5}): {6}", b.id(),
                    event.kind().name().toLowerCase(), b.url(), b.state(), b.weight(), b.routes(), event.reason());
            for (RegistryListener listener : listeners) {
                try {
                    listener.onChange(event, after);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "registry listener failed", e);
                }
            }
        }
    }
}
