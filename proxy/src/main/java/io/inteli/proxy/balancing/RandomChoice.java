package io.inteli.proxy.balancing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.inteli.proxy.registry.Backend;

final class RandomChoice implements Strategy {
    private final List<Backend> backends;

    RandomChoice(List<Backend> backends) {
        this.backends = List.copyOf(backends);
    }

    @Override
    public Backend next() {
        return backends.get(ThreadLocalRandom.current().nextInt(backends.size()));
    }
}
