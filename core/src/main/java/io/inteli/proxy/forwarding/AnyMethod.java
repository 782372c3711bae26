package io.inteli.proxy.forwarding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.HttpMethod;

/**
 * The one request method the JAX-RS front door's resource answers: {@link AnyMethodFilter} gives it to every request
 * before matching and keeps the client's own method (a lower-case {@code get}, WebDAV's {@code PROPFIND}, any valid
 * token) in a request property. JAX-RS names only GET, HEAD, POST, PUT, DELETE, OPTIONS and PATCH; a resource method
 * per name would answer every other method 405, and Jersey would turn HEAD into GET and answer OPTIONS itself.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@HttpMethod(AnyMethod.NAME)
public @interface AnyMethod {
    /** Not a method a client would send; one that does is forwarded as sent, like any other. */
    String NAME = "INTELI-ANY-METHOD";
}
