package io.inteli.proxy.registry;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * An immutable view of one registration. A change (readiness, drain, weight, ejection) makes a new view with the
 * same {@link #registration()} number and the same {@link #load()}.
 *
 * @param registration unique per start: a newer registration of the same id has a higher number
 * @param url          the base url the backend registered, without a trailing slash
 * @param ready        the agent's own readiness ({@code status} frames)
 * @param disabled     taken out of rotation by an operator: kept apart from {@code ready} so that the agent's
 *                     status cannot undo it
 */
public record Backend(long registration, String id, URI url, int weight, List<String> routes,
                      Instant registeredAt, boolean ready, boolean draining, boolean ejected, boolean disabled,
                      BackendLoad load) {

    public Backend {
        routes = List.copyOf(routes);
    }

    public BackendState state() {
        if (draining) {
            return BackendState.DRAINING;
        }
        if (!ready || disabled) {
            return BackendState.NOT_READY;
        }
        return ejected ? BackendState.EJECTED : BackendState.ACTIVE;
    }

    /** Only routable backends receive new requests. */
    public boolean routable() {
        return state() == BackendState.ACTIVE;
    }

    Backend withReady(boolean value) {
        return new Backend(registration, id, url, weight, routes, registeredAt, value, draining, ejected, disabled, load);
    }

    Backend withDraining() {
        return new Backend(registration, id, url, weight, routes, registeredAt, ready, true, ejected, disabled, load);
    }

    Backend withEjected(boolean value) {
        return new Backend(registration, id, url, weight, routes, registeredAt, ready, draining, value, disabled, load);
    }

    Backend withWeight(int value) {
        return new Backend(registration, id, url, value, routes, registeredAt, ready, draining, ejected, disabled, load);
    }

    Backend withDisabled(boolean value) {
        return new Backend(registration, id, url, weight, routes, registeredAt, ready, draining, ejected, value, load);
    }
}
