package io.inteli.proxy.http2;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;

/**
 * Wraps every data-plane exchange that goes through Helidon's routing (HTTP/2 on either front door): counts it
 * while it runs, and refuses new ones once the proxy is shutting down. The HTTP/1.x connection handler does the same
 * with {@link DataPlaneTraffic} itself.
 */
public final class DataPlaneFilter implements Filter {
    private final DataPlaneTraffic traffic;

    public DataPlaneFilter(DataPlaneTraffic traffic) {
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
