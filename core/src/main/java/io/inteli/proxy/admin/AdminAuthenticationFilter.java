package io.inteli.proxy.admin;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Lets a request to an {@link AdminAuthenticated} resource through only with the admin token as a bearer token;
 * anything else gets 401 with {@code WWW-Authenticate: Bearer}, the same whatever was wrong.
 */
@Provider
@AdminAuthenticated
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class AdminAuthenticationFilter implements ContainerRequestFilter {
    private static final String BEARER = "Bearer ";
    private final AdminToken token;

    /**
     * For RESTEasy (Open Liberty), which insists on a constructor it can call itself before it asks CDI for the
     * instance; the instance in use is always CDI's, made with the injecting constructor.
     */
    public AdminAuthenticationFilter() {
        this.token = null;
    }

    @Inject
    public AdminAuthenticationFilter(AdminToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
        if (bearer && token.matches(authorization.substring(BEARER.length()).trim())) {
            return;
        }
        request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                                  .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inteli-admin\"")
                                  .type(MediaType.APPLICATION_JSON_TYPE)
                                  .entity(new AdminError("a valid admin bearer token is required"))
                                  .build());
    }
}
