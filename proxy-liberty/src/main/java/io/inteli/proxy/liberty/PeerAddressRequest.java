package io.inteli.proxy.liberty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import io.inteli.proxy.control.ConnectionCloser;
import io.inteli.proxy.control.PeerAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The registry handshake as the core's endpoint reads it: Jakarta WebSocket has no API for the agent's address, so
 * it comes in the {@link PeerAddress#HEADER} header, set here from the connection (any copy the client sent is
 * dropped, as is a client-sent {@link ConnectionCloser#HEADER}: Liberty names no connections).
 */
final class PeerAddressRequest extends HttpServletRequestWrapper {
    PeerAddressRequest(HttpServletRequest request) {
        super(request);
    }

    @Override
    public String getHeader(String name) {
        if (PeerAddress.HEADER.equalsIgnoreCase(name)) {
            return getRemoteAddr();
        }
        return ConnectionCloser.HEADER.equalsIgnoreCase(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (PeerAddress.HEADER.equalsIgnoreCase(name)) {
            return Collections.enumeration(List.of(getRemoteAddr()));
        }
        return ConnectionCloser.HEADER.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (String name : Collections.list(super.getHeaderNames())) {
            if (!PeerAddress.HEADER.equalsIgnoreCase(name) && !ConnectionCloser.HEADER.equalsIgnoreCase(name)) {
                names.add(name);
            }
        }
        names.add(PeerAddress.HEADER);
        return Collections.enumeration(names);
    }
}
