package io.inteli.proxy.balancing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.inteli.proxy.registry.Backend;

/** A backend drawn with probability weight / total weight of the group (uniform when the weights are equal). */
final class RandomChoice implements Strategy {
    private final List<Backend> backends;
    private final Weights weights;
    private final Supplier<RandomGenerator> random;

    RandomChoice(List<Backend> backends) {
        this(backends, ThreadLocalRandom::current);
    }

    /** @param random a seeded generator makes the draws reproducible (tests) */
    RandomChoice(List<Backend> backends, Supplier<RandomGenerator> random) {
        this.backends = List.copyOf(backends);
        this.weights = new Weights(this.backends);
        this.random = random;
    }

    @Override
    public Backend next() {
        return backends.get(weights.draw(random.get()));
    }
}
