package io.inteli.proxy.startup;

import io.helidon.microprofile.server.ServerCdiExtension;
import io.inteli.proxy.http2.DataPlaneFilter;
import io.inteli.proxy.lifecycle.DataPlaneTraffic;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Puts {@link DataPlaneFilter} on the default socket's routing (the data plane), before Helidon starts the server
 * (it does so at priority PLATFORM_AFTER + 100 of the same event).
 */
@ApplicationScoped
class DataPlaneGate {
    void install(@Observes @Priority(Interceptor.Priority.APPLICATION) @Initialized(ApplicationScoped.class) Object event,
                 ServerCdiExtension server, DataPlaneTraffic traffic) {
        server.serverRoutingBuilder().addFilter(new DataPlaneFilter(traffic));
    }
}
