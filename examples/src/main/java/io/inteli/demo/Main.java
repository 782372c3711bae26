package io.inteli.demo;

import java.util.logging.LogManager;

/**
 * Starts the demo backend: Helidon MP's container, with a JUL manager that keeps logging while the shutdown hooks
 * run. With JUL's default manager, its own shutdown hook resets the handlers at the same time as Helidon's stops the
 * container, so the agent's deregistration ("agent event DEREGISTERING", "deregistered ...: drained") was sometimes
 * not logged at all (seen in the e2e SIGTERM test). The proxy does the same (its {@code ShutdownLogManager}).
 */
public final class Main {
    private static final String MANAGER_PROPERTY = "java.util.logging.manager";

    private Main() {
    }

    public static void main(String[] args) {
        // before anything logs: the first use of JUL fixes its manager
        if (System.getProperty(MANAGER_PROPERTY) == null) {
            System.setProperty(MANAGER_PROPERTY, KeepLoggingAtShutdown.class.getName());
        }
        io.helidon.Main.main(args);
    }

    /** Ignores the one reset that comes from JUL's shutdown hook; every other reset goes through. */
    public static final class KeepLoggingAtShutdown extends LogManager {
        @Override
        public void reset() {
            if (!Thread.currentThread().getClass().getName().equals(LogManager.class.getName() + "$Cleaner")) {
                super.reset();
            }
        }
    }
}
