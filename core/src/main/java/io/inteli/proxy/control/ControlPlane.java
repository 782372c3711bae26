package io.inteli.proxy.control;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

import io.inteli.protocol.Protocol;
import io.inteli.proxy.registry.AgentRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * What every agent socket shares: the membership ({@link AgentRegistry}), settings, secrets, timers, the
 * failed-authentication throttle and the sockets not authenticated yet. Injected into each {@link RegistryEndpoint}.
 */
@ApplicationScoped
class ControlPlane {
    static final String TOO_MANY_PENDING = "too many unauthenticated connections";
    static final String FAILED_AUTHENTICATIONS_METRIC = "inteli.registry.failed.authentications";
    private static final System.Logger LOG = System.getLogger(ControlPlane.class.getName());

    private final AgentRegistry agents;
    private final RegistrySettings settings;
    private final AgentSecrets secrets;
    private final AuthThrottle throttle;
    private final Counter failedAuthentications;
    private final RegistryTimers timers = new RegistryTimers();
    // oldest first: past the cap the socket that has waited longest goes, so a new agent is never the one refused
    private final LinkedHashSet<AgentProtocol> pending = new LinkedHashSet<>();

    @Inject
    ControlPlane(AgentRegistry agents, RegistrySettings settings, AgentSecrets secrets, MetricRegistry metrics) {
        this.agents = agents;
        this.settings = settings;
        this.secrets = secrets;
        this.throttle = new AuthThrottle(settings.authDelayMax(), System::nanoTime);
        this.failedAuthentications = metrics.counter(FAILED_AUTHENTICATIONS_METRIC);
    }

    /** For CDI's client proxy only. */
    ControlPlane() {
        this.agents = null;
        this.settings = null;
        this.secrets = null;
        this.throttle = null;
        this.failedAuthentications = null;
    }

    /** A new socket, not authenticated yet; may push the oldest unauthenticated one out. */
    void opened(AgentProtocol connection) {
        agents.opened(connection);
        List<AgentProtocol> evicted = new ArrayList<>(1);
        synchronized (pending) {
            pending.add(connection);
            Iterator<AgentProtocol> oldest = pending.iterator();
            while (pending.size() > settings.maxPending() && oldest.hasNext()) {
                evicted.add(oldest.next());
                oldest.remove();
            }
        }
        for (AgentProtocol old : evicted) {
            LOG.log(Level.WARNING, "more than {0} sockets waiting to authenticate: closing the oldest, {1}",
                    settings.maxPending(), old);
            old.close(AgentProtocol.CLOSE_TRY_AGAIN_LATER, TOO_MANY_PENDING);
        }
    }

    void leftPending(AgentProtocol connection) {
        synchronized (pending) {
            pending.remove(connection);
        }
    }

    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    long challengeDelayNanos(String address) {
        return throttle.delayNanos(address);
    }

    void authenticated(String address) {
        throttle.succeeded(address);
    }

    /** Counts a failure (log, metric, the address's delay); returns the failures of this address in a row. */
    int authenticationFailed(String address) {
        failedAuthentications.inc();
        agents.countFailedAuthentication();
        return throttle.failed(address);
    }

    /** Ends the session's TCP connection, whether or not the peer answered the proxy's close frame. */
    void closeConnection(jakarta.websocket.Session session) {
        ConnectionCloser.close(PeerAddress.connection(session));
    }

    AgentRegistry agents() {
        return agents;
    }

    RegistrySettings settings() {
        return settings;
    }

    AgentSecrets secrets() {
        return secrets;
    }

    RegistryTimers timers() {
        return timers;
    }

    @PreDestroy
    void shutdown() {
        agents.closeAll(Protocol.CLOSE_GOING_AWAY, "going away");
        timers.shutdown();
    }
}
