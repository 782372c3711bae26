package io.inteli.proxy.dashboard;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets a request to a {@link SignedIn} resource through only with a valid session cookie (401 otherwise), and keeps
 * what those resources answer out of caches (the figures are live, the answers are the operator's).
 */
@Provider
@SignedIn
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class SessionFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private final DashboardAccess access;

    /**
     * For RESTEasy (Open Liberty), which insists on a constructor it can call itself before it asks CDI for the
     * instance; the instance in use is always CDI's, made with the injecting constructor.
     */
    public SessionFilter() {
        this.access = null;
    }

    @Inject
    public SessionFilter(DashboardAccess access) {
        this.access = access;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(DashboardAccess.COOKIE);
        if (!access.isSession(cookie == null ? null : cookie.getValue())) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                                      .type(MediaType.TEXT_PLAIN_TYPE)
                                      .header(HttpHeaders.CACHE_CONTROL, "no-store")
                                      .entity("sign in at /dashboard first")
                                      .build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.CACHE_CONTROL)) {
            response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
