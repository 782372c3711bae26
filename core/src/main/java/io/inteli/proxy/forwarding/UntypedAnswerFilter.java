package io.inteli.proxy.forwarding;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * Keeps an answer the backend sent without {@code Content-Type} without one: JAX-RS gives every entity a media type
 * (Jersey: {@code application/octet-stream}, or whatever the client's {@code Accept} prefers), which would tell the
 * client something the backend never said. The resource marks such answers with the request property
 * {@value #UNTYPED}. Plain JAX-RS, registered with the resource wherever it is hosted.
 */
public class UntypedAnswerFilter implements ContainerResponseFilter {
    /** Set by the resource when the backend's answer has no Content-Type. */
    static final String UNTYPED = "io.inteli.proxy.untyped-answer";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (Boolean.TRUE.equals(request.getProperty(UNTYPED))) {
            response.getHeaders().remove("Content-Type");
        }
    }
}
