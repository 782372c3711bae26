package io.inteli.proxy.admin;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.inteli.proxy.registry.BackendRegistry;
import io.inteli.proxy.registry.BackendState;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminActionsTest {
    private static final String PEER = "/192.0.2.7:50123";
    private final BackendRegistry registry = new BackendRegistry();
    private final List<String> drained = new CopyOnWriteArrayList<>();
    private final AdminActions actions = new AdminActions(registry, id -> {
        // what the agent connection does when asked to drain: the registry part of it
        drained.add(id);
        return registry.find(id).flatMap(b -> registry.startDraining(b, "drain")).isPresent();
    });
    private final Logger logger = Logger.getLogger(AdminActions.class.getName());
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(new java.util.logging.SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void register() {
        registry.register("orders-1", URI.create("http://127.0.0.1:1"), 1, List.of("/"));
        logger.addHandler(capture);
    }

    @AfterEach
    void removeCapture() {
        logger.removeHandler(capture);
    }

    @Test
    void disableAndEnableAreLoggedWithThePeerAndTheChange() {
        assertEquals(BackendState.NOT_READY, actions.disable("orders-1", PEER).orElseThrow().state());
        assertEquals(BackendState.ACTIVE, actions.enable("orders-1", PEER).orElseThrow().state());

        assertEquals(List.of("admin " + PEER + ": backend orders-1 disabled (ACTIVE -> NOT_READY)",
                             "admin " + PEER + ": backend orders-1 enabled (NOT_READY -> ACTIVE)"), logged);
    }

    @Test
    void weightChangeIsLoggedWithOldAndNewValue() {
        assertEquals(250, actions.setWeight("orders-1", 250, PEER).orElseThrow().weight());

        assertEquals(List.of("admin " + PEER + ": backend orders-1 weight 1 -> 250"), logged);
        assertEquals(250, registry.find("orders-1").orElseThrow().weight());
    }

    @Test
    void drainAsksTheAgentAndIsLogged() {
        assertEquals(BackendState.DRAINING, actions.drain("orders-1", PEER).orElseThrow().state());

        assertEquals(List.of("orders-1"), drained);
        assertEquals(List.of("admin " + PEER + ": backend orders-1 draining (ACTIVE -> DRAINING)"), logged);
    }

    @Test
    void unknownIdChangesNothing() {
        assertTrue(actions.drain("nope", PEER).isEmpty());
        assertTrue(drained.isEmpty());
        assertTrue(actions.disable("nope", PEER).isEmpty());
        assertTrue(actions.enable("nope", PEER).isEmpty());
        assertTrue(actions.setWeight("nope", 5, PEER).isEmpty());
        assertTrue(logged.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001, Integer.MAX_VALUE})
    void weightOutOfRangeIsRefusedAndChangesNothing(int weight) {
        assertThrows(IllegalArgumentException.class, () -> actions.setWeight("orders-1", weight, PEER));
        assertEquals(1, registry.find("orders-1").orElseThrow().weight());
    }

    @Test
    void parsesTheWeightBody() {
        assertEquals(1, AdminActions.parseWeight("{\"weight\":1}"));
        assertEquals(1000, AdminActions.parseWeight(" { \"weight\" : 1000 } "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "{}", "{\"weight\":\"5\"}", "{\"weight\":5.5}", "{\"weight\":0}",
            "{\"weight\":1001}", "{\"weight\":99999999999}", "{\"w\":5}", "{\"weight\":5,\"x\":1}",
            "{\"weight\":5} x", "{\"weight\":5}{}", "[5]", "{\"weight\":5.0}", "{\"weight\":1e400}", "{\"weight\":null}"})
    void refusesAnyOtherWeightBody(String body) {
        assertThrows(IllegalArgumentException.class, () -> AdminActions.parseWeight(body));
    }
}
