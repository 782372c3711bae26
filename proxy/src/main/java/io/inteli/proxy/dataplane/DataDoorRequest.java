package io.inteli.proxy.dataplane;

import java.io.InputStream;
import java.util.List;

import io.helidon.webserver.ConnectionContext;
import io.inteli.proxy.forwarding.ClientRequest;
import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.RequestTarget;
import io.inteli.proxy.upstream.ExchangeAbort;

/**
 * A request read by the connection handler, as the forwarder sees it.
 *
 * @param upgradable an HTTP/1.1 connection can carry a WebSocket tunnel after a 101
 * @param abort      cut by the connection's {@link DepartureWatch} when the client leaves while the backend is silent
 */
record DataDoorRequest(String method, RequestTarget target, List<HeaderLine> headers, InputStream body, Peer peer,
                       boolean upgradable, ExchangeAbort abort) implements ClientRequest {
    DataDoorRequest {
        body = body == null ? InputStream.nullInputStream() : body;
    }

    @Override
    public String rawPath() {
        return target.path();
    }

    @Override
    public String rawQuery() {
        return target.query();
    }

    @Override
    public String remoteAddress() {
        return peer.address();
    }

    @Override
    public String scheme() {
        return peer.scheme();
    }

    @Override
    public int localPort() {
        return peer.localPort();
    }

    @Override
    public boolean closesWithoutDrain() {
        return true;
    }

    /**
     * The connection's two ends, asked of the socket once per connection: Helidon asks the operating system on every
     * call (a getsockname per request was measured at about 5 % of the CPU).
     */
    static final class Peer {
        private final ConnectionContext ctx;
        private String address;
        private int localPort = -1;
        private final String scheme;

        Peer(ConnectionContext ctx) {
            this.ctx = ctx;
            this.scheme = ctx.isSecure() ? "https" : "http";
        }

        String address() {
            if (address == null) {
                address = ctx.remotePeer().host();
            }
            return address;
        }

        String scheme() {
            return scheme;
        }

        int localPort() {
            if (localPort < 0) {
                localPort = ctx.localPeer().port();
            }
            return localPort;
        }
    }
}
