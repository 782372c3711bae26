package io.inteli.demo;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Answers with this backend's agent id, so that a client of the proxy sees which backend served it. */
@Dependent
@Path("/")
@Produces(MediaType.TEXT_PLAIN)
public class HelloResource {
    private static final long MAX_SLOW_MS = 60_000;
    private final AgentIdentity identity;
    private final ReadinessSwitch readiness;

    @Inject
    public HelloResource(AgentIdentity identity, ReadinessSwitch readiness) {
        this.identity = identity;
        this.readiness = readiness;
    }

    @GET
    public String hello() {
        return "hello from " + name() + "\n";
    }

    /** Holds the request for {@code ms} milliseconds: a request in flight while the backend is being stopped. */
    @GET
    @Path("slow")
    public String slow(@QueryParam("ms") @DefaultValue("200") long ms) throws InterruptedException {
        Thread.sleep(Math.clamp(ms, 0, MAX_SLOW_MS));
        return "slow hello from " + name() + " after " + ms + " ms\n";
    }

    /** Switches this backend's readiness check; the agent tells the proxies, which stop or resume routing. */
    @POST
    @Path("ready/{value}")
    public String ready(@PathParam("value") boolean value) {
        readiness.set(value);
        return "ready=" + value + " on " + name() + "\n";
    }

    private String name() {
        return identity.agentId().orElse("an unregistered backend");
    }
}
