package io.inteli.proxy.balancing;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selection on a real registry (no server needed: the balancer only reads snapshots). */
class BalancerTest {
    private final BackendRegistry registry = new BackendRegistry();

    private Balancer balancer(StrategyKind kind, Optional<String> sticky) {
        return new Balancer(registry, new BalancerSettings(kind, sticky, 1, Duration.ofSeconds(10)));
    }

    private Backend add(String id, int weight, String... routes) {
        return registry.register(id, URI.create("http://127.0.0.1:1/" + id), weight,
                                 routes.length == 0 ? List.of("/") : List.of(routes));
    }

    private Map<String, Integer> counts(Balancer balancer, int requests) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(balancer.choose("/x", Optional.empty(), Set.of()).orElseThrow().backend().id(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinCyclesInRegistrationOrder() {
        add("a", 1);
        add("b", 1);
        add("c", 1);
        Balancer balancer = balancer(StrategyKind.ROUND_ROBIN, Optional.empty());
        String order = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> balancer.choose("/", Optional.empty(), Set.of()).orElseThrow().backend().id())
                .collect(Collectors.joining());
        assertEquals("abcabc", order);
    }

    @Test
    void weightedRoundRobinIsSmoothLikeNginx() {
        add("a", 5);
        add("b", 1);
        add("c", 1);
        Balancer balancer = balancer(StrategyKind.WEIGHTED_ROUND_ROBIN, Optional.empty());
        String order = java.util.stream.IntStream.range(0, 14)
                .mapToObj(i -> balancer.choose("/", Optional.empty(), Set.of()).orElseThrow().backend().id())
                .collect(Collectors.joining());
        // nginx's documented sequence for weights 5, 1, 1
        assertEquals("aabacaa" + "aabacaa", order);
    }

    @Test
    void weightedRoundRobinFollowsWeightsOverManyRequests() {
        add("a", 3);
        add("b", 1);
        assertEquals(Map.of("a", 300, "b", 100), counts(balancer(StrategyKind.WEIGHTED_ROUND_ROBIN, Optional.empty()), 400));
    }

    @Test
    void randomSpreadsOverAllBackends() {
        add("a", 1);
        add("b", 1);
        Map<String, Integer> counts = counts(balancer(StrategyKind.RANDOM, Optional.empty()), 2000);
        // binomial(2000, 0.5): 800..1200 is more than 8 standard deviations wide
        assertTrue(counts.get("a") > 800 && counts.get("b") > 800, counts.toString());
    }

    @Test
    void leastRequestsAvoidsTheBusyBackend() {
        Backend busy = add("busy", 1);
        add("idle1", 1);
        add("idle2", 1);
        for (int i = 0; i < 10; i++) {
            busy.load().acquire();
        }
        Map<String, Integer> counts = counts(balancer(StrategyKind.LEAST_REQUESTS, Optional.empty()), 300);
        // with two random candidates out of three, the busy one always loses to the other one
        assertEquals(null, counts.get("busy"), counts.toString());
        assertTrue(counts.get("idle1") > 90 && counts.get("idle2") > 90, counts.toString());
    }

    @Test
    void leastRequestsSpreadsEvenlyWhenLoadIsEqual() {
        add("a", 1);
        add("b", 1);
        Map<String, Integer> counts = counts(balancer(StrategyKind.LEAST_REQUESTS, Optional.empty()), 2000);
        assertTrue(counts.get("a") > 800 && counts.get("b") > 800, counts.toString());
    }

    @Test
    void routesToTheLongestWholeSegmentPrefix() {
        add("root", 1, "/");
        add("api", 1, "/api/");
        add("v2", 1, "/api/v2");
        Balancer balancer = balancer(StrategyKind.ROUND_ROBIN, Optional.empty());
        assertEquals("v2", balancer.choose("/api/v2/users", Optional.empty(), Set.of()).orElseThrow().backend().id());
        assertEquals("api", balancer.choose("/api/v20", Optional.empty(), Set.of()).orElseThrow().backend().id());
        assertEquals("api", balancer.choose("/api", Optional.empty(), Set.of()).orElseThrow().backend().id());
        assertEquals("root", balancer.choose("/apis", Optional.empty(), Set.of()).orElseThrow().backend().id());
    }

    @Test
    void noRouteAndNoRoutableBackendChooseNothing() {
        Backend api = add("api", 1, "/api");
        Balancer balancer = balancer(StrategyKind.ROUND_ROBIN, Optional.empty());
        assertTrue(balancer.choose("/other", Optional.empty(), Set.of()).isEmpty());
        registry.setEjected(api, true, "test");
        assertTrue(balancer.choose("/api", Optional.empty(), Set.of()).isEmpty());
    }

    @Test
    void skipsBackendsAlreadyTriedForTheRequest() {
        Backend a = add("a", 1);
        add("b", 1);
        Balancer balancer = balancer(StrategyKind.ROUND_ROBIN, Optional.empty());
        for (int i = 0; i < 4; i++) {
            assertEquals("b", balancer.choose("/", Optional.empty(), Set.of(a.registration())).orElseThrow().backend().id());
        }
    }

    @Test
    void stickyTokenPinsTheBackendAndABackendBackAtAnotherUrlGetsANewToken() {
        add("a", 1);
        add("b", 1);
        Balancer balancer = balancer(StrategyKind.ROUND_ROBIN, Optional.of("S"));
        Choice first = balancer.choose("/", Optional.empty(), Set.of()).orElseThrow();
        String token = first.stickyToken().orElseThrow();
        for (int i = 0; i < 5; i++) {
            Choice again = balancer.choose("/", Optional.of(token), Set.of()).orElseThrow();
            assertEquals(first.backend().id(), again.backend().id());
            assertTrue(again.stickyToken().isEmpty());
        }
        // Back with the same id and URL (a restart): the same backend, its cookies still pin it.
        add(first.backend().id(), 1);
        assertTrue(balancer.choose("/", Optional.of(token), Set.of()).orElseThrow().stickyToken().isEmpty());
        // Back elsewhere: the old cookie no longer pins, a new token is issued.
        registry.register(first.backend().id(), URI.create("http://127.0.0.1:2/moved"), 1, List.of("/"));
        Choice moved = balancer.choose("/", Optional.of(token), Set.of()).orElseThrow();
        assertNotEquals(token, moved.stickyToken().orElseThrow());
    }

    @Test
    void proxiesSharingTheSecretHonourEachOthersStickyCookies() {
        BackendRegistry other = new BackendRegistry();
        add("a", 1);
        add("b", 1);
        // Another proxy: its own registration numbers, the backends registered in another order.
        other.register("x", URI.create("http://127.0.0.1:1/x"), 1, List.of("/"));
        other.register("b", URI.create("http://127.0.0.1:1/b"), 1, List.of("/"));
        other.register("a", URI.create("http://127.0.0.1:1/a"), 1, List.of("/"));
        String secret = "inteli-test-secret-0123456789abcdef";
        Balancer here = new Balancer(registry, new BalancerSettings(StrategyKind.ROUND_ROBIN, Optional.of("S"), 1,
                Duration.ofSeconds(10), Optional.of(secret)));
        Balancer there = new Balancer(other, new BalancerSettings(StrategyKind.ROUND_ROBIN, Optional.of("S"), 1,
                Duration.ofSeconds(10), Optional.of(secret)));
        Balancer stranger = new Balancer(other, new BalancerSettings(StrategyKind.ROUND_ROBIN, Optional.of("S"), 1,
                Duration.ofSeconds(10), Optional.of("another-secret-0123456789abcdef-0123")));
        for (int i = 0; i < 2; i++) {
            Choice issued = here.choose("/", Optional.empty(), Set.of()).orElseThrow();
            String token = issued.stickyToken().orElseThrow();
            assertTrue(!token.contains(issued.backend().id()) && !token.contains("127.0.0.1"), token);
            for (int j = 0; j < 3; j++) {
                Choice honoured = there.choose("/", Optional.of(token), Set.of()).orElseThrow();
                assertEquals(issued.backend().id(), honoured.backend().id());
                assertTrue(honoured.stickyToken().isEmpty());
            }
            // A proxy with another secret does not know the token: balanced as usual, and given a new one.
            assertTrue(stranger.choose("/", Optional.of(token), Set.of()).orElseThrow().stickyToken().isPresent());
        }
    }
}
