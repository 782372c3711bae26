package io.inteli.agent;

import java.net.InetAddress;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What changed between the addresses registered with and the addresses a name resolves to now: the ones to register
 * with, the ones to leave. Addresses are compared by value (the same IP is the same proxy whatever name it came by).
 */
record AddressDiff(Set<InetAddress> added, Set<InetAddress> removed) {

    static AddressDiff between(Collection<InetAddress> current, Collection<InetAddress> resolved) {
        Set<InetAddress> added = new LinkedHashSet<>(resolved);
        added.removeAll(Set.copyOf(current));
        Set<InetAddress> removed = new LinkedHashSet<>(current);
        removed.removeAll(Set.copyOf(resolved));
        return new AddressDiff(Set.copyOf(added), Set.copyOf(removed));
    }

    boolean none() {
        return added.isEmpty() && removed.isEmpty();
    }
}
