package io.inteli.proxy.control;

import java.util.List;
import java.util.Map;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Hands the agent's address from the handshake to its session: Jakarta WebSocket has no API for it. On Helidon,
 * {@code controlport.ControlUpgrader} writes it into the {@value #HEADER} request header before the upgrade (after
 * removing any copy the client sent), with the connection's name for {@link ConnectionCloser}; on a runtime without
 * that, the address shows as "?" in logs and all sockets share one failed-authentication delay.
 */
public class PeerAddress extends ServerEndpointConfig.Configurator {
    public static final String HEADER = "X-Inteli-Peer-Address";
    private static final String PROPERTY = "inteli.peer-address";
    private static final String CONNECTION_PROPERTY = "inteli.connection";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        // a per-handshake copy of the endpoint's properties, which becomes the session's
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            if (header.getValue().isEmpty()) {
                continue;
            }
            if (header.getKey().equalsIgnoreCase(HEADER)) {
                config.getUserProperties().put(PROPERTY, header.getValue().getFirst());
            } else if (header.getKey().equalsIgnoreCase(ConnectionCloser.HEADER)) {
                config.getUserProperties().put(CONNECTION_PROPERTY, header.getValue().getFirst());
            }
        }
    }

    /** The name {@link ConnectionCloser} knows the session's connection by; null when there is none. */
    static String connection(Session session) {
        Object name = session.getUserProperties().get(CONNECTION_PROPERTY);
        return name == null ? null : name.toString();
    }

    static String of(Session session) {
        Object address = session.getUserProperties().get(PROPERTY);
        return address == null ? "?" : address.toString();
    }
}
