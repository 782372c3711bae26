package io.inteli.proxy.lifecycle;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Wraps every data-plane exchange (a filter runs around the whole routing, so both front doors are covered):
 * counts it while it runs, and refuses new ones once the proxy is shutting down.
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
