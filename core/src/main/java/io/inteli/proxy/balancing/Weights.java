package io.inteli.proxy.balancing;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

import io.inteli.proxy.registry.Backend;

/**
 * The weights of one fixed group as a cumulative table, for draws in proportion to weight. Registrations carry
 * weights of 1 to 1000; anything below 1 would come from a bug elsewhere and counts as 1 rather than starving a
 * backend.
 */
final class Weights {
    private final int[] weights;
    /** {@code ends[i]} = sum of the weights of backends 0..i. */
    private final long[] ends;

    Weights(List<Backend> backends) {
        weights = backends.stream().mapToInt(b -> Math.max(1, b.weight())).toArray();
        ends = new long[weights.length];
        long sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            ends[i] = sum;
        }
    }

    int weight(int index) {
        return weights[index];
    }

    int size() {
        return weights.length;
    }

    /** An index drawn with probability weight / total. */
    int draw(RandomGenerator random) {
        return indexOf(random.nextLong(ends[ends.length - 1]));
    }

    /** An index other than {@code excluded}, drawn in proportion to weight among the others. */
    int drawOtherThan(int excluded, RandomGenerator random) {
        long point = random.nextLong(ends[ends.length - 1] - weights[excluded]);
        long excludedStart = ends[excluded] - weights[excluded];
        return indexOf(point < excludedStart ? point : point + weights[excluded]);
    }

    private int indexOf(long point) {
        // the first end above the point
        int at = Arrays.binarySearch(ends, point + 1);
        return at >= 0 ? at : -at - 1;
    }
}
