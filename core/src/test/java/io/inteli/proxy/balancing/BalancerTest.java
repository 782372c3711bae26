package io.inteli.proxy.balancing;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.testsupport.TestConfig;
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
    void roundRobinWithEqualWeightsCyclesInRegistrationOrder() {
        add("a", 1);
        add("b", 1);
        add("c", 1);
        assertEquals("abcabc", order(balancer(StrategyKind.ROUND_ROBIN, Optional.empty()), 6));
    }

    private static String order(Balancer balancer, int picks) {
        return java.util.stream.IntStream.range(0, picks)
                .mapToObj(i -> balancer.choose("/", Optional.empty(), Set.of()).orElseThrow().backend().id())
                .collect(Collectors.joining());
    }

    @Test
    void roundRobinIsSmoothWeightedLikeNginx() {
        add("a", 5);
        add("b", 1);
        add("c", 1);
        // nginx's documented sequence for weights 5, 1, 1
        assertEquals("aabacaa" + "aabacaa", order(balancer(StrategyKind.ROUND_ROBIN, Optional.empty()), 14));
    }

    @Test
    void roundRobinSplitsOneToThreeExactly() {
        add("light", 1);
        add("heavy", 3);
        assertEquals(Map.of("light", 500, "heavy", 1500),
                     counts(balancer(StrategyKind.ROUND_ROBIN, Optional.empty()), 2000));
    }

    @Test
    void weightedRoundRobinIsAnotherNameForRoundRobin() {
        BalancerSettings settings = BalancerSettings.from(TestConfig.of(Map.of("inteli.lb.strategy",
                                                                              "weighted-round-robin")));
        assertEquals(StrategyKind.ROUND_ROBIN, settings.strategy());
        assertEquals(StrategyKind.ROUND_ROBIN, BalancerSettings.from(TestConfig.of(Map.of())).strategy());
    }

    @Test
    void anAdminWeightChangeTakesEffectOnTheNextRequest() {
        add("a", 1);
        Backend b = add("b", 1);
        Balancer balancer = balancer(StrategyKind.ROUND_ROBIN, Optional.empty());
        assertEquals("abab", order(balancer, 4));
        registry.setWeight(b, 3, "test");
        // the very next period of four already follows 1:3 (smooth order for weights 1, 3)
        assertEquals("babb", order(balancer, 4));
        assertEquals(Map.of("a", 100, "b", 300), counts(balancer, 400));
    }

    /*
     * Random draws: binomial(2000, 1/4) has mean 500 and standard deviation 19.4, so 400..600 is more than five
     * standard deviations each way (a false failure about once in four million runs), while weights ignored (1:1)
     * would give about 1000.
     */
    private static void assertOneToThree(Map<String, Integer> counts) {
        int light = counts.getOrDefault("light", 0);
        assertEquals(2000, light + counts.getOrDefault("heavy", 0), counts.toString());
        assertTrue(light >= 400 && light <= 600, "light got " + light + " of 2000, expected about 500: " + counts);
    }

    @Test
    void randomPicksInProportionToWeight() {
        add("light", 1);
        add("heavy", 3);
        assertOneToThree(counts(balancer(StrategyKind.RANDOM, Optional.empty()), 2000));
    }

    @Test
    void randomWithASeededGeneratorFollowsTheWeights() {
        List<Backend> group = List.of(add("light", 1), add("heavy", 3));
        SplittableRandom seeded = new SplittableRandom(12);
        Strategy random = new RandomChoice(group, () -> seeded);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            counts.merge(random.next().id(), 1, Integer::sum);
        }
        assertOneToThree(counts);
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
    void leastRequestsSharesIdleBackendsInProportionToWeight() {
        add("light", 1);
        add("heavy", 3);
        // every request is over before the next: in-flight counts tie at 0, the weighted draw decides
        assertOneToThree(counts(balancer(StrategyKind.LEAST_REQUESTS, Optional.empty()), 2000));
    }

    @Test
    void leastRequestsKeepsRequestsInFlightProportionalToWeight() {
        add("light", 1);
        add("heavy", 3);
        Balancer balancer = balancer(StrategyKind.LEAST_REQUESTS, Optional.empty());
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 2000; i++) {
            Backend b = balancer.choose("/x", Optional.empty(), Set.of()).orElseThrow().backend();
            b.load().acquire(); // never released: every pick stays in flight
            counts.merge(b.id(), 1, Integer::sum);
        }
        // in flight / weight is kept level, so the split is 1:3 to within a request or two
        int light = counts.get("light");
        assertTrue(light >= 498 && light <= 502, counts.toString());
    }

    @Test
    void leastRequestsComparesInFlightPerUnitOfWeight() {
        Backend light = add("light", 1);
        Backend heavy = add("heavy", 4);
        for (int i = 0; i < 2; i++) {
            light.load().acquire(); // 2 per unit of weight
        }
        for (int i = 0; i < 6; i++) {
            heavy.load().acquire(); // 1.5 per unit of weight: less loaded though it has more in flight
        }
        assertEquals(Map.of("heavy", 200), counts(balancer(StrategyKind.LEAST_REQUESTS, Optional.empty()), 200));
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
