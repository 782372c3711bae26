package io.inteli.proxy.balancing;

import java.util.Optional;
import java.util.Set;

import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.RegistrySnapshot;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Chooses the backend of a request from the current registry snapshot. The route table is rebuilt when the
 * snapshot's version changes; two threads may both rebuild it after a change, which is harmless.
 */
// a singleton on the request path, added by startup.DataPlaneWiring (see there why)
@Singleton
public class Balancer {
    private final BackendRegistry registry;
    private final StrategyKind strategy;
    private final boolean sticky;
    private final StickyTokens tokens;
    private volatile RouteTable table;

    @Inject
    Balancer(BackendRegistry registry, BalancerSettings settings) {
        this.registry = registry;
        this.strategy = settings.strategy();
        this.sticky = settings.stickyCookie().isPresent();
        this.tokens = new StickyTokens(settings.stickySecret());
    }

    /**
     * @param stickyToken the sticky cookie's value, when the client sent one
     * @param excluded    registrations already tried for this request
     */
    public Optional<Choice> choose(String rawPath, Optional<String> stickyToken, Set<Long> excluded) {
        return table().match(rawPath).flatMap(group -> {
            if (!sticky) {
                return group.next(excluded).map(b -> new Choice(b, Optional.empty()));
            }
            Optional<Backend> pinned = stickyToken.flatMap(group::byToken)
                    .filter(b -> !excluded.contains(b.registration()));
            if (pinned.isPresent()) {
                return Optional.of(new Choice(pinned.get(), Optional.empty()));
            }
            return group.next(excluded).map(b -> new Choice(b, Optional.of(group.tokenOf(b))));
        });
    }

    private RouteTable table() {
        RegistrySnapshot snapshot = registry.snapshot();
        RouteTable current = table;
        if (current == null || current.version() != snapshot.version()) {
            current = RouteTable.build(snapshot, strategy, tokens);
            table = current;
        }
        return current;
    }
}
