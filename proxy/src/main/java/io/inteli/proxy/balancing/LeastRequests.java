package io.inteli.proxy.balancing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.inteli.proxy.registry.Backend;

/**
 * Power of two random choices: of two distinct random backends, the one with fewer requests in flight. Close to
 * the true least-loaded choice without scanning every backend, and it avoids sending a burst to the one backend
 * that happens to be least loaded at the moment.
 */
final class LeastRequests implements Strategy {
    private final List<Backend> backends;

    LeastRequests(List<Backend> backends) {
        this.backends = List.copyOf(backends);
    }

    @Override
    public Backend next() {
        int n = backends.size();
        if (n == 1) {
            return backends.getFirst();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(n);
        int b = random.nextInt(n - 1);
        if (b >= a) {
            b++;
        }
        Backend first = backends.get(a);
        Backend second = backends.get(b);
        return second.load().inFlight() < first.load().inFlight() ? second : first;
    }
}
