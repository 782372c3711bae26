package io.inteli.proxy.forwarding;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;

/**
 * Routes every request to the front door's one resource method ({@link AnyMethod}), keeping the client's method in
 * the request property {@value #METHOD} for the resource to forward. Plain JAX-RS, so it works in any container that
 * hosts the application (the proxy's own on the strict codec, Helidon's for HTTP/2, Open Liberty).
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class AnyMethodFilter implements ContainerRequestFilter {
    /** The client's method, as sent. */
    static final String METHOD = "io.inteli.proxy.method";

    /** Filters and the resource method of a synchronous request run on one thread, in JAX-RS containers all. */
    private static final ThreadLocal<ContainerRequestContext> CURRENT = new ThreadLocal<>();

    /** The request this thread's filter saw last, for the front door's resource method; forgotten once taken. */
    static ContainerRequestContext take() {
        ContainerRequestContext request = CURRENT.get();
        CURRENT.remove();
        if (request == null) {
            throw new IllegalStateException("AnyMethodFilter did not run for this request");
        }
        return request;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        CURRENT.set(request);
        if (request.getProperty(METHOD) == null) {
            request.setProperty(METHOD, request.getMethod());
        }
        request.setMethod(AnyMethod.NAME);
    }
}
