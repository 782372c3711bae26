package io.inteli.proxy.control;

import java.nio.ByteBuffer;

import io.inteli.protocol.Protocol;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The registry WebSocket, {@code /registry} with subprotocol {@code inteli-v1}: one instance per agent socket,
 * made by CDI (so the control plane is injected), each handing its socket's events to an {@link AgentProtocol}.
 * Served on the control socket only (a runtime's to arrange; on Helidon {@code controlport.ControlEndpoints}).
 */
@Dependent
@ServerEndpoint(value = Protocol.PATH, subprotocols = Protocol.SUBPROTOCOL, configurator = PeerAddress.class)
public class RegistryEndpoint {
    public static final String SOCKET = "control";

    @Inject
    ControlPlane controlPlane;
    private AgentProtocol protocol;

    @OnOpen
    public void open(Session session) {
        protocol = new AgentProtocol(controlPlane, session, PeerAddress.of(session));
        protocol.opened();
    }

    // partial text: the 16 KiB limit is checked as the fragments arrive, not after a whole message is buffered
    @OnMessage
    public void text(String text, boolean last) {
        protocol.text(text, last);
    }

    @OnMessage
    public void binary(ByteBuffer data, boolean last) {
        protocol.binary();
    }

    @OnMessage
    public void pong(PongMessage pong) {
        protocol.pong(pong.getApplicationData());
    }

    // also called when the connection drops without a close frame (code 1011 on Helidon's Tyrus bridge)
    @OnClose
    public void close(CloseReason reason) {
        if (protocol != null) {
            protocol.closed(reason);
        }
    }

    @OnError
    public void error(Throwable t) {
        if (protocol != null) {
            protocol.failed(t);
        }
    }
}
