package io.inteli.registrar;

import java.nio.file.Path;
import java.security.Security;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.inteli.agent.Agent;
import io.inteli.protocol.UnknownKeys;
import sun.misc.Signal;

/**
 * Registers one backend that is not a Java EE application (Python, Node, Go, PHP, a static nginx, ...) with inteli
 * proxies, as a process beside it: the agent's own registration code, configured by the agent's keys plus a health
 * URL. SIGTERM or SIGINT deregisters (the proxies drain the backend) and exits 0; a bad or missing key exits 2 with
 * one line naming it.
 *
 * <pre>java -jar inteli-registrar.jar [--config FILE]</pre>
 */
public final class Registrar {
    static final int EXIT_CONFIGURATION = 2;
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private Registrar() {
    }

    public static void main(String[] args) throws InterruptedException {
        long mainStarted = System.nanoTime();
        prepareJvm();
        Logger log = Logger.getLogger(Registrar.class.getName());
        Agent agent;
        HealthProbe health;
        try {
            ConfigSources config = new ConfigSources(System.getProperties(), System.getenv(), fileOf(args));
            for (String warning : UnknownKeys.warnings(config.names(), "inteli.", Agent.knownKeys())) {
                log.log(Level.WARNING, warning);
            }
            health = HealthProbe.of(config);
            agent = Agent.of(config, health::ready, event -> { });
        } catch (IllegalArgumentException e) {
            System.err.println("inteli-registrar: " + e.getMessage());
            System.exit(EXIT_CONFIGURATION);
            return;
        }
        Signal.handle(new Signal("TERM"), signal -> stop(agent, log));
        Signal.handle(new Signal("INT"), signal -> stop(agent, log));
        health.start(agent::readinessMayHaveChanged);
        agent.start();
        log.log(Level.INFO, "registering {0} (set up in {1} ms)", new Object[] {agent.describe(),
                String.valueOf((System.nanoTime() - mainStarted) / 1_000_000)});
        new CountDownLatch(1).await();
    }

    /** On its own thread: a signal handler must return, and stopping waits up to the drain timeout. */
    private static void stop(Agent agent, Logger log) {
        if (!STOPPING.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().name("inteli-registrar-stop").start(() -> {
            log.log(Level.INFO, "stopping: deregistering, the proxies drain the backend (at most {0})",
                    io.inteli.protocol.Durations.format(agent.drainTimeout()));
            agent.stop();
            log.log(Level.INFO, "stopped");
            System.exit(0);
        });
    }

    private static Properties fileOf(String[] args) {
        Properties none = new Properties();
        if (args.length == 0) {
            return none;
        }
        if (args.length == 2 && args[0].equals("--config")) {
            return ConfigSources.load(Path.of(args[1]));
        }
        if (args.length == 1 && args[0].startsWith("--config=")) {
            return ConfigSources.load(Path.of(args[0].substring("--config=".length())));
        }
        throw new IllegalArgumentException("usage: java -jar inteli-registrar.jar [--config FILE]; settings as -Dkey=value,"
                + " environment variables (INTELI_AGENT_URL) or in FILE");
    }

    /**
     * One line per log record; and no DNS answer cached longer than it is fresh, so that a proxy fleet named by
     * {@code dns+wss://} is seen as it changes (the JVM keeps answers 30 s by default). Both only when not set.
     */
    private static void prepareJvm() {
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        }
        if (Security.getProperty("networkaddress.cache.ttl") == null) {
            Security.setProperty("networkaddress.cache.ttl", "0");
        }
    }
}
