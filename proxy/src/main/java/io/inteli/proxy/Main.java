package io.inteli.proxy;

import io.inteli.proxy.lifecycle.ShutdownLogManager;
import io.inteli.proxy.startup.Startup;

/**
 * Starts the proxy: Helidon MP's container with this application's beans, after the configuration and the machine
 * were checked (see {@link Startup}: a failure is one line on standard error and exit status 1).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // before anything logs: the first use of JUL fixes its manager. A system property, not configuration: the
        // JDK reads java.util.logging.manager from the system properties only, once, before any config source runs.
        if (System.getProperty(ShutdownLogManager.PROPERTY) == null) {
            System.setProperty(ShutdownLogManager.PROPERTY, ShutdownLogManager.class.getName());
        }
        Startup.run(args);
    }
}
