package io.inteli.proxy.forwarding;

import java.util.List;
import java.util.Set;

import io.inteli.proxy.http.HeaderLine;
import io.inteli.proxy.http.Tokens;

/**
 * Which protocol upgrades the proxy passes on: a WebSocket handshake (RFC 6455 4.1: a GET without a body, Connection
 * listing "upgrade", Upgrade listing "websocket"), and only when the front door can carry a tunnel afterwards. Any
 * other upgrade (h2c, anything else) stays hop-by-hop: its headers are stripped and the request goes on as plain HTTP.
 */
final class Upgrades {
    static final String WEBSOCKET = "websocket";

    private Upgrades() {
    }

    static boolean websocket(ClientRequest in, boolean hasBody) {
        if (!in.upgradable() || hasBody || !in.method().equals("GET")) {
            return false;
        }
        List<HeaderLine> headers = in.headers();
        Set<String> upgrade = Tokens.listed(headers, "upgrade");
        return upgrade.size() == 1 && upgrade.contains(WEBSOCKET)
                && Tokens.listed(headers, "connection").contains("upgrade");
    }

    /** HopByHop removed the client's Upgrade and Connection: the proxy asks the backend for the upgrade itself. */
    static List<HeaderLine> askBackend(List<HeaderLine> backendHeaders) {
        backendHeaders.add(new HeaderLine("Connection", "Upgrade"));
        backendHeaders.add(new HeaderLine("Upgrade", WEBSOCKET));
        return backendHeaders;
    }

    /** True when a backend's 101 switches to WebSocket (RFC 6455 4.2.2: Upgrade names it). */
    static boolean switchedTo(List<HeaderLine> backendHeaders) {
        Set<String> upgrade = Tokens.listed(backendHeaders, "upgrade");
        return upgrade.size() == 1 && upgrade.contains(WEBSOCKET);
    }

    /**
     * The head of a backend's 101 toward the client: its end-to-end fields (Sec-WebSocket-Accept, -Protocol,
     * -Extensions, cookies) with Upgrade and Connection set by the proxy.
     */
    static List<HeaderLine> switched(List<HeaderLine> endToEnd) {
        endToEnd.add(new HeaderLine("Upgrade", WEBSOCKET));
        endToEnd.add(new HeaderLine("Connection", "Upgrade"));
        return endToEnd;
    }
}
