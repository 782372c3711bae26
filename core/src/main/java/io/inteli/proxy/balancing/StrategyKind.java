package io.inteli.proxy.balancing;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.inteli.proxy.registry.Backend;

/** The values of {@code inteli.lb.strategy}. */
public enum StrategyKind {
    /** Smooth weighted round robin: plain rotation in registration order when the weights are equal. */
    ROUND_ROBIN(SmoothWeightedRoundRobin::new),
    LEAST_REQUESTS(LeastRequests::new),
    RANDOM(RandomChoice::new);

    private final Function<List<Backend>, Strategy> factory;

    StrategyKind(Function<List<Backend>, Strategy> factory) {
        this.factory = factory;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Before round-robin honoured weights, this was a strategy of its own; configurations still name it. */
    static final String WEIGHTED_ROUND_ROBIN_ALIAS = "weighted-round-robin";

    static Set<String> configNames() {
        Set<String> names = Arrays.stream(values()).map(StrategyKind::configName).collect(Collectors.toCollection(HashSet::new));
        names.add(WEIGHTED_ROUND_ROBIN_ALIAS);
        return names;
    }

    static StrategyKind fromConfigName(String name) {
        if (name.equals(WEIGHTED_ROUND_ROBIN_ALIAS)) {
            return ROUND_ROBIN;
        }
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** A strategy over a fixed, non-empty group of backends. */
    Strategy over(List<Backend> backends) {
        return factory.apply(backends);
    }
}
