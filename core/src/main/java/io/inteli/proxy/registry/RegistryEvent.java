package io.inteli.proxy.registry;

/**
 * One change of the registry.
 *
 * @param backend the backend as it is after the change (as it was, for {@link Kind#REMOVED})
 */
public record RegistryEvent(Kind kind, Backend backend, String reason) {
    public enum Kind {
        REGISTERED,
        /** A new registration of the same id took the place of this one. */
        REPLACED,
        STATE_CHANGED,
        WEIGHT_CHANGED,
        REMOVED
    }
}
