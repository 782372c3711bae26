package io.inteli.proxy.balancing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.inteli.proxy.registry.Backend;

final class RoundRobin implements Strategy {
    private final List<Backend> backends;
    private final AtomicInteger next = new AtomicInteger();

    RoundRobin(List<Backend> backends) {
        this.backends = List.copyOf(backends);
    }

    @Override
    public Backend next() {
        return backends.get(Math.floorMod(next.getAndIncrement(), backends.size()));
    }
}
