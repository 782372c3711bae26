package io.inteli.proxy.registry;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendDisabledTest {
    private final BackendRegistry registry = new BackendRegistry();

    @Test
    void disabledBackendShowsNotReadyAndLeavesRotation() {
        Backend backend = registry.register("a", URI.create("http://127.0.0.1:1"), 1, List.of("/"));

        Backend disabled = registry.setDisabled(backend, true, "admin").orElseThrow();

        assertEquals(BackendState.NOT_READY, disabled.state());
        assertTrue(registry.snapshot().routable().isEmpty());
    }

    @Test
    void agentReadinessDoesNotUndoTheAdminFlag() {
        Backend backend = registry.register("a", URI.create("http://127.0.0.1:1"), 1, List.of("/"));
        registry.setDisabled(backend, true, "admin");

        registry.setReady(backend, false, "status");
        Backend afterReady = registry.setReady(backend, true, "status").orElseThrow();

        assertEquals(BackendState.NOT_READY, afterReady.state());
        assertFalse(afterReady.routable());
    }

    @Test
    void enablingPutsItBackUnlessTheAgentIsNotReady() {
        Backend backend = registry.register("a", URI.create("http://127.0.0.1:1"), 1, List.of("/"));
        registry.setDisabled(backend, true, "admin");

        assertEquals(BackendState.ACTIVE, registry.setDisabled(backend, false, "admin").orElseThrow().state());
        registry.setReady(backend, false, "status");
        registry.setDisabled(backend, true, "admin");
        assertEquals(BackendState.NOT_READY, registry.setDisabled(backend, false, "admin").orElseThrow().state());
    }
}
