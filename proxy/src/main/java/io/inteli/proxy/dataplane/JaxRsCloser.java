package io.inteli.proxy.dataplane;

import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Closes the JAX-RS front door's connection after an answer that says {@code Connection: close} (a refusal by the
 * forwarder, a request the guard marked). Helidon 4.2.6 writes that header but keeps reading requests from the
 * connection; a {@link CloseConnectionException} after the answer went out is what makes it leave its loop and
 * close the socket.
 */
final class JaxRsCloser implements Filter {
    private static boolean closes(List<String> connection) {
        for (String value : connection) {
            for (String option : value.split(",")) {
                if (option.trim().equalsIgnoreCase("close")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        chain.proceed();
        if (closes(res.headers().all(HeaderNames.CONNECTION, List::of))
                || closes(req.headers().all(HeaderNames.CONNECTION, List::of))) {
            if (!res.isSent()) {
                res.send();
            }
            throw new CloseConnectionException("the answer closes the connection");
        }
    }
}
