package io.inteli.proxy.lifecycle;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Wraps every data-plane exchange that goes through Helidon's routing (the JAX-RS front door, and HTTP/2 on the
 * native one): counts it while it runs, and refuses new ones once the proxy is shutting down. The native door's
 * HTTP/1.x connection handler does the same with {@link DataPlaneTraffic} itself.
 */
final class DataPlaneFilter implements Filter {
    private final DataPlaneTraffic traffic;

    DataPlaneFilter(DataPlaneTraffic traffic) {
        this.traffic = traffic;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!traffic.enter()) {
            res.status(Status.SERVICE_UNAVAILABLE_503)
                    .header(HeaderValues.CONNECTION_CLOSE)
                    .header(HeaderNames.RETRY_AFTER, "1")
                    .send("the proxy is shutting down\n");
            return;
        }
        int status = 500;
        try {
            chain.proceed();
            status = res.status().code();
        } finally {
            traffic.exit(status);
        }
    }
}
