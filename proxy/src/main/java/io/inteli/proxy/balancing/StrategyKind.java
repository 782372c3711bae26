package io.inteli.proxy.balancing;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inteli.proxy.registry.Backend;

/** The values of {@code inteli.lb.strategy}. */
public enum StrategyKind {
    ROUND_ROBIN(RoundRobin::new),
    WEIGHTED_ROUND_ROBIN(SmoothWeightedRoundRobin::new),
    LEAST_REQUESTS(LeastRequests::new),
    RANDOM(RandomChoice::new);

    private final Function<List<Backend>, Strategy> factory;

    StrategyKind(Function<List<Backend>, Strategy> factory) {
        this.factory = factory;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Set<String> configNames() {
        return Arrays.stream(values()).map(StrategyKind::configName).collect(Collectors.toSet());
    }

    static StrategyKind fromConfigName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** A strategy over a fixed, non-empty group of backends. */
    Strategy over(List<Backend> backends) {
        return factory.apply(backends);
    }
}
