package io.inteli.proxy.balancing;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.inteli.proxy.registry.Backend;

/**
 * nginx's smooth weighted round robin (weights 5,1,1 give a,a,b,a,c,a,a rather than a,a,a,a,a,b,c; equal weights give
 * plain rotation in registration order). The default strategy, {@code round-robin}. The sequence is
 * periodic with period = the sum of the weights, so it is computed once when the group is built and then read with
 * an atomic index: the request path takes no lock.
 */
final class SmoothWeightedRoundRobin implements Strategy {
    /** Bounds the precomputed schedule; larger weight sums are scaled down, keeping every backend at least 1. */
    static final int MAX_PERIOD = 4096;

    private final Backend[] schedule;
    private final AtomicInteger next = new AtomicInteger();

    SmoothWeightedRoundRobin(List<Backend> backends) {
        this.schedule = schedule(backends, weights(backends));
    }

    @Override
    public Backend next() {
        return schedule[Math.floorMod(next.getAndIncrement(), schedule.length)];
    }

    private static int[] weights(List<Backend> backends) {
        int[] w = backends.stream().mapToInt(b -> Math.max(0, b.weight())).toArray();
        long total = 0;
        for (int x : w) {
            total += x;
        }
        if (total == 0) {
            // all weight 0: share evenly rather than refuse every request
            java.util.Arrays.fill(w, 1);
            return w;
        }
        if (total > MAX_PERIOD) {
            for (int i = 0; i < w.length; i++) {
                w[i] = w[i] == 0 ? 0 : (int) Math.max(1, (long) w[i] * MAX_PERIOD / total);
            }
        }
        return w;
    }

    private static Backend[] schedule(List<Backend> backends, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        Backend[] result = new Backend[total];
        long[] current = new long[weights.length];
        for (int step = 0; step < total; step++) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (weights[i] > 0 && (best < 0 || current[i] > current[best])) {
                    best = i;
                }
            }
            current[best] -= total;
            result[step] = backends.get(best);
        }
        return result;
    }
}
