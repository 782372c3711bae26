package io.inteli.proxy.admin;

import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The address of the client of a control-socket request, for the audit lines of the admin API and the dashboard.
 * JAX-RS has no API for it: the runtime puts it into the request property {@value #PROPERTY} (on Helidon a request
 * filter of the control socket's application, {@code controlport.ClientPeerFilter}); without it the address is
 * "unknown".
 */
public final class ClientPeer {
    /** The client's socket address as text (Helidon: {@code /127.0.0.1:54321}). */
    public static final String PROPERTY = "io.inteli.proxy.peer";

    private ClientPeer() {
    }

    public static String of(ContainerRequestContext request) {
        Object peer = request.getProperty(PROPERTY);
        return peer == null ? "unknown" : peer.toString();
    }
}
