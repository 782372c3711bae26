package io.inteli.proxy.balancing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.RegistrySnapshot;

/**
 * An immutable view of one registry snapshot: route prefix (longest first) to the routable backends that
 * registered it, each group with its own strategy state and sticky tokens.
 */
final class RouteTable {
    private final long version;
    private final List<Group> groups;

    private RouteTable(long version, List<Group> groups) {
        this.version = version;
        this.groups = groups;
    }

    static RouteTable build(RegistrySnapshot snapshot, StrategyKind kind, StickyTokens tokens) {
        Map<String, List<Backend>> byPrefix = new LinkedHashMap<>();
        for (Backend backend : snapshot.routable()) {
            for (String route : backend.routes().isEmpty() ? List.of("/") : backend.routes()) {
                byPrefix.computeIfAbsent(normalize(route), k -> new ArrayList<>()).add(backend);
            }
        }
        List<Group> groups = new ArrayList<>();
        byPrefix.forEach((prefix, backends) -> groups.add(new Group(prefix, backends, kind.over(backends), tokens)));
        groups.sort(Comparator.comparingInt((Group g) -> g.prefix.length()).reversed());
        return new RouteTable(snapshot.version(), List.copyOf(groups));
    }

    long version() {
        return version;
    }

    /** The group of the longest prefix that matches whole path segments: {@code /api} matches /api and /api/x, not /apix. */
    Optional<Group> match(String rawPath) {
        for (Group group : groups) {
            if (matches(group.prefix, rawPath)) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    static boolean matches(String prefix, String path) {
        if (prefix.equals("/")) {
            return true;
        }
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    static String normalize(String route) {
        String r = route.startsWith("/") ? route : "/" + route;
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    static final class Group {
        private final String prefix;
        private final List<Backend> backends;
        private final Strategy strategy;
        private final Map<String, Backend> byToken;
        private final Map<Long, String> tokenByRegistration;

        Group(String prefix, List<Backend> backends, Strategy strategy, StickyTokens tokens) {
            this.prefix = prefix;
            this.backends = List.copyOf(backends);
            this.strategy = strategy;
            Map<String, Backend> byToken = new LinkedHashMap<>();
            Map<Long, String> tokenByRegistration = new LinkedHashMap<>();
            for (Backend b : backends) {
                String token = tokens.tokenOf(b);
                byToken.put(token, b);
                tokenByRegistration.put(b.registration(), token);
            }
            this.byToken = Map.copyOf(byToken);
            this.tokenByRegistration = Map.copyOf(tokenByRegistration);
        }

        Optional<Backend> byToken(String token) {
            return Optional.ofNullable(byToken.get(token));
        }

        String tokenOf(Backend backend) {
            return tokenByRegistration.get(backend.registration());
        }

        /** The strategy's pick, skipping backends already tried for this request. */
        Optional<Backend> next(Set<Long> excluded) {
            if (excluded.isEmpty()) {
                return Optional.of(strategy.next());
            }
            for (int i = 0; i < backends.size(); i++) {
                Backend b = strategy.next();
                if (!excluded.contains(b.registration())) {
                    return Optional.of(b);
                }
            }
            return backends.stream().filter(b -> !excluded.contains(b.registration())).findFirst();
        }
    }
}
