package io.inteli.proxy.health;

/**
 * @param readyWithoutBackends {@code inteli.health.ready-without-backends}: ready even when no backend is ACTIVE
 */
public record ReadinessPolicy(boolean readyWithoutBackends) {
    public static final String KEY = "inteli.health.ready-without-backends";
}
