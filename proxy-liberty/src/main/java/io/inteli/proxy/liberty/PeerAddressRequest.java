package io.inteli.proxy.liberty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The agent's address for the registry endpoint, which learns it from a handshake header (Jakarta WebSocket has no
 * API for it): the header carries the connection's peer, and any copy the client sent is dropped.
 */
final class PeerAddressRequest extends HttpServletRequestWrapper {
    static final String HEADER = "X-Inteli-Peer-Address";

    PeerAddressRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public String getHeader(String name) {
        return HEADER.equalsIgnoreCase(name) ? getRemoteAddr() : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return HEADER.equalsIgnoreCase(name) ? Collections.enumeration(List.of(getRemoteAddr())) : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (String name : Collections.list(super.getHeaderNames())) {
            if (!HEADER.equalsIgnoreCase(name)) {
                names.add(name);
            }
        }
        names.add(HEADER);
        return Collections.enumeration(names);
    }
}
