package io.inteli.proxy.controlport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.PeerInfo;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.Router;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.inteli.protocol.Protocol;
import io.inteli.proxy.control.ConnectionCloser;
import io.inteli.proxy.control.PeerAddress;
import io.inteli.proxy.control.RegistryEndpoint;

/**
 * Helidon's side of the registry handshake, around the Tyrus upgrader (which does the rest). On the control socket,
 * for {@code /registry}, it
 * <ul>
 *     <li>refuses with 400, before the upgrade, a handshake that does not offer {@code inteli-v1};</li>
 *     <li>writes the peer's address into the {@value PeerAddress#HEADER} request header, after removing any copy the
 *     client sent: Helidon's Tyrus bridge gives the endpoint no address of its own;</li>
 *     <li>adds {@code Sec-WebSocket-Protocol: inteli-v1} to the 101 answer, which the bridge leaves out although
 *     Tyrus negotiated it (RFC 6455 wants the chosen subprotocol named).</li>
 * </ul>
 * Every other upgrade (other sockets, other paths) goes to the Tyrus upgrader unchanged.
 */
final class ControlUpgrader implements Http1Upgrader {
    private static final HeaderName PEER = HeaderNames.create(PeerAddress.HEADER);
    private static final HeaderName CONNECTION = HeaderNames.create(ConnectionCloser.HEADER);
    private static final HeaderName SUBPROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");

    private final Http1Upgrader tyrus;

    ControlUpgrader(Http1Upgrader tyrus) {
        this.tyrus = tyrus;
    }

    @Override
    public String supportedProtocol() {
        return tyrus.supportedProtocol();
    }

    @Override
    public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
        if (!RegistryEndpoint.SOCKET.equals(ctx.listenerContext().config().name())) {
            return tyrus.upgrade(ctx, prologue, headers);
        }
        headers.remove(PEER);
        headers.remove(CONNECTION);
        if (!Protocol.PATH.equals(prologue.uriPath().path())) {
            return tyrus.upgrade(ctx, prologue, headers);
        }
        boolean offered = headers.contains(SUBPROTOCOL) && headers.get(SUBPROTOCOL).allValues(true).stream()
                .anyMatch(Protocol.SUBPROTOCOL::equals);
        if (!offered) {
            System.getLogger(ControlUpgrader.class.getName()).log(
                    System.Logger.Level.WARNING, "registry handshake from {0} without the {1} subprotocol: 400",
                    address(ctx.remotePeer().address()), Protocol.SUBPROTOCOL);
            throw RequestException.builder()
                    .type(DirectHandler.EventType.BAD_REQUEST)
                    .status(Status.BAD_REQUEST_400)
                    .message("the registry requires the WebSocket subprotocol " + Protocol.SUBPROTOCOL)
                    .setKeepAlive(false)
                    .build();
        }
        // Tyrus reads one value per header line: "inteli-v0, inteli-v1" on one line would negotiate nothing
        headers.set(SUBPROTOCOL, Protocol.SUBPROTOCOL);
        headers.set(PEER, address(ctx.remotePeer().address()));
        String name = ConnectionCloser.newName();
        headers.set(CONNECTION, name);
        return TrackedConnection.track(name, tyrus.upgrade(new NamingSubprotocol(ctx), prologue, headers));
    }

    static String address(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** The connection as Tyrus sees it: the same, except that the 101 answer names the subprotocol. */
    private static final class NamingSubprotocol implements ConnectionContext {
        private final ConnectionContext ctx;
        private final DataWriter writer;

        NamingSubprotocol(ConnectionContext ctx) {
            this.ctx = ctx;
            this.writer = new SwitchingAnswerWriter(ctx.dataWriter());
        }

        @Override
        public ListenerContext listenerContext() {
            return ctx.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return ctx.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return writer;
        }

        @Override
        public DataReader dataReader() {
            return ctx.dataReader();
        }

        @Override
        public Router router() {
            return ctx.router();
        }

        @Override
        public Optional<io.helidon.webserver.ProxyProtocolData> proxyProtocolData() {
            return ctx.proxyProtocolData();
        }

        @Override
        public io.helidon.common.socket.HelidonSocket serverSocket() {
            return ctx.serverSocket();
        }

        @Override
        public PeerInfo remotePeer() {
            return ctx.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return ctx.localPeer();
        }

        @Override
        public boolean isSecure() {
            return ctx.isSecure();
        }

        @Override
        public String socketId() {
            return ctx.socketId();
        }

        @Override
        public String childSocketId() {
            return ctx.childSocketId();
        }
    }

    /** Adds the subprotocol header to the first thing written, the 101 answer; passes everything else on. */
    private static final class SwitchingAnswerWriter implements DataWriter {
        private static final byte[] SWITCHING = "HTTP/1.1 101".getBytes(StandardCharsets.US_ASCII);
        private final DataWriter writer;
        private volatile boolean answered;

        SwitchingAnswerWriter(DataWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(BufferData... buffers) {
            writer.write(buffers);
        }

        @Override
        public void write(BufferData buffer) {
            writer.write(withSubprotocol(buffer));
        }

        @Override
        public void writeNow(BufferData... buffers) {
            writer.writeNow(buffers);
        }

        @Override
        public void writeNow(BufferData buffer) {
            writer.writeNow(withSubprotocol(buffer));
        }

        @Override
        public void flush() {
            writer.flush();
        }

        private BufferData withSubprotocol(BufferData buffer) {
            if (answered) {
                return buffer;
            }
            answered = true;
            byte[] bytes = buffer.readBytes();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            boolean isAnswer = bytes.length > SWITCHING.length && text.startsWith("HTTP/1.1 101")
                    && text.endsWith("\r\n\r\n");
            if (!isAnswer) {
                return BufferData.create(bytes);
            }
            String named = text.substring(0, text.length() - 2) + "Sec-WebSocket-Protocol: " + Protocol.SUBPROTOCOL
                    + "\r\n\r\n";
            return BufferData.create(named.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
