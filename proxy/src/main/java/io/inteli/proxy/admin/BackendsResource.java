package io.inteli.proxy.admin;

import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import io.inteli.proxy.registry.Backend;
import io.inteli.proxy.registry.BackendRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /admin/backends}: every registered backend, in registration order, from one registry snapshot.
 */
@Path("/backends")
@AdminAuthenticated
@ApplicationScoped
public class BackendsResource {
    private static final JsonProvider JSON = JsonProvider.provider();
    private final BackendRegistry registry;

    @Inject
    public BackendsResource(BackendRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Backend backend : registry.snapshot().all()) {
            array.add(json(backend));
        }
        StringWriter out = new StringWriter();
        try (var writer = JSON.createWriter(out)) {
            writer.writeArray(array.build());
        }
        return out.toString();
    }

    private static JsonObjectBuilder json(Backend backend) {
        JsonArrayBuilder routes = JSON.createArrayBuilder();
        backend.routes().forEach(routes::add);
        JsonObjectBuilder object = JSON.createObjectBuilder()
                .add("id", backend.id())
                .add("url", backend.url().toString())
                .add("weight", backend.weight())
                .add("routes", routes)
                .add("state", backend.state().name())
                .add("inFlight", backend.load().inFlight())
                .add("tunnels", backend.load().tunnels())
                .add("registeredAt", backend.registeredAt().toString());
        long rtt = backend.load().lastPingRttNanos();
        if (rtt < 0) {
            object.addNull("lastPingRttMs");
        } else {
            // milliseconds with microsecond precision: loopback round trips are well under a millisecond
            object.add("lastPingRttMs", Math.round(rtt / (double) TimeUnit.MICROSECONDS.toNanos(1)) / 1000.0);
        }
        return object;
    }
}
