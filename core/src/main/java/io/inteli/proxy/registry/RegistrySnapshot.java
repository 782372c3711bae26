package io.inteli.proxy.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable state of the registry. Readers (load balancers, admin API) take one and never lock.
 */
public final class RegistrySnapshot {
    static final RegistrySnapshot EMPTY = new RegistrySnapshot(0, Map.of());

    private final long version;
    private final Map<String, Backend> byId;
    private final List<Backend> all;
    private final List<Backend> routable;

    RegistrySnapshot(long version, Map<String, Backend> byId) {
        this.version = version;
        this.byId = Map.copyOf(byId);
        // registration order, so that strategies see a stable order across snapshots
        this.all = byId.values().stream()
                .sorted((a, b) -> Long.compare(a.registration(), b.registration()))
                .toList();
        this.routable = all.stream().filter(Backend::routable).toList();
    }

    /** Increases with every change. */
    public long version() {
        return version;
    }

    /** Every registered backend, in registration order. */
    public List<Backend> all() {
        return all;
    }

    /** The backends that may receive new requests, in registration order. */
    public List<Backend> routable() {
        return routable;
    }

    Optional<Backend> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    RegistrySnapshot with(long newVersion, Backend backend) {
        Map<String, Backend> copy = new LinkedHashMap<>(byId);
        copy.put(backend.id(), backend);
        return new RegistrySnapshot(newVersion, copy);
    }

    RegistrySnapshot without(long newVersion, String id) {
        Map<String, Backend> copy = new LinkedHashMap<>(byId);
        copy.remove(id);
        return new RegistrySnapshot(newVersion, copy);
    }
}
