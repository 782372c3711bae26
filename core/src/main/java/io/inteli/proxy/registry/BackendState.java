package io.inteli.proxy.registry;

/**
 * What the admin API and dashboard show for a backend. Only {@link #ACTIVE} backends receive new requests.
 */
public enum BackendState {
    ACTIVE,
    /** The agent reported ready=false: kept registered, out of rotation. */
    NOT_READY,
    /** Taken out of rotation after connect failures, back by itself after the cool-down. */
    EJECTED,
    /** Stopping: no new requests, in-flight ones finish, then it is removed. */
    DRAINING
}
