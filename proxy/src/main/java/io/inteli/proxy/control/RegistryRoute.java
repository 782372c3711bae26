package io.inteli.proxy.control;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.helidon.webserver.websocket.WsRouting;
import io.inteli.protocol.Protocol;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * Puts {@code /registry} on the control socket only, before the server starts (Helidon starts it at priority 4100).
 * A plain Helidon WebSocket route, not a Jakarta endpoint: Helidon's Tyrus bridge hides the peer address, which
 * the failed-authentication log and the bans need.
 */
@ApplicationScoped
class RegistryRoute {
    static final String SOCKET = "control";

    void addRoute(@Observes @Priority(2000) @Initialized(ApplicationScoped.class) Object event, BeanManager beans,
                  AgentConnections connections) {
        beans.getExtension(ServerCdiExtension.class)
                .addRouting(WsRouting.builder().endpoint(Protocol.PATH, connections::newConnection), SOCKET, true,
                            "inteli registry");
    }
}
