package io.inteli.proxy.registry;

/**
 * Told of every change, after it is made and outside the registry's lock: it may read the registry again.
 */
@FunctionalInterface
public interface RegistryListener {
    void onChange(RegistryEvent event, RegistrySnapshot snapshot);
}
