package io.inteli.protocol;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnknownKeysTest {
    private static final Set<String> KNOWN = Set.of("inteli.lb.strategy", "inteli.lb.sticky-cookie",
                                                    "inteli.secret", "inteli.registry.ping-interval");

    @Test
    void namesTheClosestKnownKeyForAMisspelledOne() {
        assertEquals(List.of("inteli.lb.stratgy: unknown key; did you mean inteli.lb.strategy?"),
                     UnknownKeys.warnings(List.of("inteli.lb.stratgy"), "inteli.", KNOWN));
    }

    @Test
    void knownKeysAndOtherNamespacesAreNotReported() {
        assertEquals(List.of(), UnknownKeys.warnings(
                List.of("inteli.secret", "server.port", "java.home", "PATH", "HOME", "INTELI_SECRET",
                        "INTELI_REGISTRY_PING_INTERVAL", "intelix.foo"), "inteli.", KNOWN));
    }

    @Test
    void environmentVariablesAreCheckedInTheirMicroProfileForm() {
        assertEquals(List.of("INTELI_LB_STRATGY: unknown key (environment variable); did you mean INTELI_LB_STRATEGY"
                                     + " (inteli.lb.strategy)?"),
                     UnknownKeys.warnings(List.of("INTELI_LB_STRATGY", "INTELI_HEAP", "INTELI_JAVA_OPTS"),
                                          "inteli.", KNOWN));
    }

    @Test
    void oneLinePerUnknownKeyInNameOrder() {
        assertEquals(List.of("inteli.lb.sticky-coookie: unknown key; did you mean inteli.lb.sticky-cookie?",
                             "inteli.secrte: unknown key; did you mean inteli.secret?"),
                     UnknownKeys.warnings(List.of("inteli.secrte", "inteli.lb.sticky-coookie", "inteli.secrte"),
                                          "inteli.", KNOWN));
    }

    @Test
    void distanceCountsASwapOfNeighboursAsOneEdit() {
        assertEquals(1, UnknownKeys.distance("secrte", "secret"));
        assertEquals(1, UnknownKeys.distance("stratgy", "strategy"));
        assertEquals(0, UnknownKeys.distance("a", "a"));
        assertEquals(3, UnknownKeys.distance("", "abc"));
    }
}
