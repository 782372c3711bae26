package io.inteli.proxy.admin;

import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.inteli.proxy.registry.AgentRegistry;
import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.stream.JsonParser;

/**
 * What an operator can do to a backend without a restart, from the admin API or the dashboard's buttons. Every
 * action is logged with the peer that asked and what changed. An empty result means no backend has that id.
 */
@ApplicationScoped
public class AdminActions {
    static final int MIN_WEIGHT = 1;
    static final int MAX_WEIGHT = 1000;
    private static final System.Logger LOG = System.getLogger(AdminActions.class.getName());

    private final BackendRegistry registry;
    private final Predicate<String> drainAgent;

    @Inject
    AdminActions(BackendRegistry registry, AgentRegistry agents) {
        this(registry, agents::drain);
    }

    /**
     * @param drainAgent starts the drain of the agent holding a backend id; false when no started agent holds it
     */
    AdminActions(BackendRegistry registry, Predicate<String> drainAgent) {
        this.registry = registry;
        this.drainAgent = drainAgent;
    }

    /**
     * The same path as the agent's own {@code stop}: no new requests from now on, those in flight finish (at most
     * the drain timeout), then the agent is told {@code stopped}, its socket closed and the backend removed. Returns
     * at once, with the backend as it is then (DRAINING; also when it was draining already).
     */
    Optional<Backend> drain(String id, String peer) {
        Optional<Backend> before = registry.find(id);
        if (before.isEmpty()) {
            return Optional.empty();
        }
        if (!drainAgent.test(id)) {
            LOG.log(Level.INFO, "admin {0}: backend {1} drain asked, but no started agent holds it ({2})", peer, id,
                    before.get().state());
            return registry.find(id);
        }
        Optional<Backend> after = registry.find(id);
        after.ifPresent(a -> logged(peer, "draining", before.get(), a));
        return after.or(() -> before);
    }

    /** Out of rotation until {@link #enable}: shows as NOT_READY, whatever the agent reports. */
    Optional<Backend> disable(String id, String peer) {
        return registry.find(id).flatMap(before -> registry.setDisabled(before, true, "disabled by admin " + peer)
                .map(after -> logged(peer, "disabled", before, after)));
    }

    Optional<Backend> enable(String id, String peer) {
        return registry.find(id).flatMap(before -> registry.setDisabled(before, false, "enabled by admin " + peer)
                .map(after -> logged(peer, "enabled", before, after)));
    }

    /**
     * @throws IllegalArgumentException when the weight is outside 1..1000 (nothing changes then)
     */
    Optional<Backend> setWeight(String id, int weight, String peer) {
        if (weight < MIN_WEIGHT || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException("weight must be an integer from " + MIN_WEIGHT + " to " + MAX_WEIGHT
                                                       + ", not " + weight);
        }
        return registry.find(id).flatMap(before -> registry.setWeight(before, weight, "weight set by admin " + peer)
                .map(after -> {
                    LOG.log(Level.INFO, "admin {0}: backend {1} weight {2} -> {3}", peer, id, before.weight(),
                            after.weight());
                    return after;
                }));
    }

    /**
     * Reads {@code {"weight":N}} with JSON-P: an object with that one member, an integer.
     *
     * @throws IllegalArgumentException for any other body, or a weight outside 1..1000
     */
    static int parseWeight(String body) {
        JsonObject object;
        try (JsonParser parser = Json.createParser(new StringReader(body == null ? "" : body))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                throw weightBodyRefused();
            }
            object = parser.getObject();
            if (parser.hasNext()) {
                throw weightBodyRefused();
            }
        } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            // not JSON, or more than one value
            throw weightBodyRefused();
        }
        if (!object.keySet().equals(Set.of("weight")) || !(object.get("weight") instanceof JsonNumber number)
                || !number.isIntegral()) {
            throw weightBodyRefused();
        }
        if (number.bigDecimalValue().compareTo(BigDecimal.valueOf(MIN_WEIGHT)) < 0
                || number.bigDecimalValue().compareTo(BigDecimal.valueOf(MAX_WEIGHT)) > 0) {
            throw new IllegalArgumentException("weight must be an integer from " + MIN_WEIGHT + " to " + MAX_WEIGHT
                                                       + ", not " + number);
        }
        return number.intValue();
    }

    private static IllegalArgumentException weightBodyRefused() {
        return new IllegalArgumentException("the body must be {\"weight\":N} with N from " + MIN_WEIGHT + " to "
                                                    + MAX_WEIGHT);
    }

    private static Backend logged(String peer, String action, Backend before, Backend after) {
        LOG.log(Level.INFO, "admin {0}: backend {1} {2} ({3} -> {4})", peer, after.id(), action, before.state(),
                after.state());
        return after;
    }
}
