package io.inteli.proxy.liberty;

import java.io.IOException;

import io.inteli.proxy.admin.ClientPeer;
import io.inteli.proxy.forwarding.JaxRsFrontDoor;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Keeps the two planes apart, as the Helidon runtime's two sockets do: Liberty serves this one WAR on both of the
 * server.xml's endpoints. The control plane is the HTTPS endpoint: there only the registry, the admin API and the
 * dashboard answer. The data plane is the plain one: every request, whatever its path (also {@code /admin/...}),
 * goes to the catch-all front door, counted in flight and refused while the proxy drains.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PlaneFilter extends HttpFilter {
    // the servlet container makes filters itself and injects fields only
    @Inject
    transient DataPlaneTraffic traffic;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.isSecure()) {
            request.setAttribute(ClientPeer.PROPERTY, request.getRemoteAddr() + ":" + request.getRemotePort());
            control(request, response, chain);
        } else {
            data(request, response);
        }
    }

    private static void control(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        // the path the container mapped (decoded, dot segments resolved), not the raw one: "/admin/../x" must be
        // judged as the "/x" it reaches
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        if (ControlPaths.REGISTRY.equals(path)) {
            chain.doFilter(new PeerAddressRequest(request), response);
        } else if (ControlPaths.served(path)) {
            chain.doFilter(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void data(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!traffic.enter()) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Connection", "close");
            response.setHeader("Retry-After", "1");
            response.setContentType("text/plain");
            response.getWriter().write("the proxy is shutting down\n");
            return;
        }
        int status = 500;
        try {
            request.setAttribute(JaxRsFrontDoor.REMOTE_HOST, request.getRemoteAddr());
            String path = request.getRequestURI();
            String query = request.getQueryString();
            // the front door forwards the path and query as the client sent them, not as forwarded below
            request.setAttribute(JaxRsFrontDoor.RAW_PATH, path);
            request.setAttribute(JaxRsFrontDoor.RAW_QUERY, query == null ? "" : query);
            request.setAttribute(JaxRsFrontDoor.LOCAL_PORT, request.getLocalPort());
            // one fixed target, whatever the client's path: a path of the client's never names what is dispatched
            // to (a "/../admin" could otherwise leave the data plane's mount for the control plane's resources)
            request.getRequestDispatcher(DataPlanePath.TARGET).forward(request, new FlushingResponse(response));
            status = response.getStatus();
        } finally {
            traffic.exit(status);
        }
    }
}
