package io.inteli.proxy.lifecycle;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.inteli.protocol.Protocol;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.registry.AgentRegistry;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

/**
 * What the proxy does on SIGTERM, before Helidon stops its server. Helidon's own stop (an observer of the same
 * event at priority 0) closes every connection with an interrupt, which would cut the requests in flight, so this
 * runs first: refuse new data-plane requests, wait for those in flight (at most {@code inteli.proxy.shutdown-timeout}),
 * then close every agent's socket with 1001.
 */
@ApplicationScoped
public class GracefulShutdown {
    public static final Key TIMEOUT = Key.of("inteli.proxy.shutdown-timeout", "30s");
    private static final System.Logger LOG = System.getLogger(GracefulShutdown.class.getName());

    private final Duration timeout;
    private final DataPlaneTraffic traffic;
    private final Runnable closeAgents;
    private final Runnable closeTunnels;

    @Inject
    GracefulShutdown(Config config, DataPlaneTraffic traffic, AgentRegistry agents, OpenTunnels tunnels) {
        this(timeout(new ConfigValues(config)), traffic,
             () -> agents.closeAll(Protocol.CLOSE_GOING_AWAY, "going away"),
             () -> tunnels.closeAll("the proxy is shutting down (" + TIMEOUT + " ran out)"));
    }

    GracefulShutdown(Duration timeout, DataPlaneTraffic traffic, Runnable closeAgents) {
        this(timeout, traffic, closeAgents, () -> { });
    }

    GracefulShutdown(Duration timeout, DataPlaneTraffic traffic, Runnable closeAgents, Runnable closeTunnels) {
        this.timeout = timeout;
        this.traffic = traffic;
        this.closeAgents = closeAgents;
        this.closeTunnels = closeTunnels;
    }

    public static Duration timeout(ConfigValues config) {
        return config.positiveDuration(TIMEOUT);
    }

    /** Makes the bean at start-up, so that an invalid timeout stops the start and not the shutdown. */
    void validate(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.log(Level.DEBUG, "{0}={1}", TIMEOUT, timeout);
    }

    void onShutdown(@Observes @Priority(-100) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        run();
    }

    void run() {
        LOG.log(Level.INFO, "shutting down: new requests refused, waiting for {0} in flight (at most {1} ms)",
                traffic.inFlight(), Long.toString(timeout.toMillis()));
        long start = System.nanoTime();
        try {
            traffic.drain().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.log(Level.INFO, "shutting down: data plane drained in {0} ms",
                    Long.toString(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "shutting down: {0} requests still in flight after {1} ms; stopping anyway",
                    traffic.inFlight(), Long.toString(timeout.toMillis()));
            // a WebSocket tunnel would otherwise be cut by the server's stop without a word
            closeTunnels.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        closeAgents.run();
        LOG.log(Level.INFO, "shutting down: agent sockets closed with 1001 (going away)");
    }
}
