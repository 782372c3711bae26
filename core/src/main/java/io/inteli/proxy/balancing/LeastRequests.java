package io.inteli.proxy.balancing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import io.inteli.proxy.registry.Backend;

/**
 * Power of two random choices, weighted as Envoy does: two distinct candidates drawn in proportion to weight, and of
 * them the one with the fewer requests in flight per unit of weight (a backend of weight 3 with 3 in flight is as
 * loaded as one of weight 1 with 1). A tie goes to the first candidate, so idle backends share the requests in
 * proportion to their weights too. Close to the true least-loaded choice without scanning every backend, and it
 * avoids sending a burst to the one backend that happens to be least loaded at the moment.
 */
final class LeastRequests implements Strategy {
    private final List<Backend> backends;
    private final Weights weights;
    private final Supplier<RandomGenerator> random;

    LeastRequests(List<Backend> backends) {
        this(backends, ThreadLocalRandom::current);
    }

    /** @param random a seeded generator makes the draws reproducible (tests) */
    LeastRequests(List<Backend> backends, Supplier<RandomGenerator> random) {
        this.backends = List.copyOf(backends);
        this.weights = new Weights(this.backends);
        this.random = random;
    }

    @Override
    public Backend next() {
        if (backends.size() == 1) {
            return backends.getFirst();
        }
        RandomGenerator r = random.get();
        int a = weights.draw(r);
        int b = weights.drawOtherThan(a, r);
        // inFlight(b) / weight(b) < inFlight(a) / weight(a), without division
        long loadB = (long) backends.get(b).load().inFlight() * weights.weight(a);
        long loadA = (long) backends.get(a).load().inFlight() * weights.weight(b);
        return backends.get(loadB < loadA ? b : a);
    }
}
