package io.inteli.proxy;

import io.inteli.proxy.lifecycle.ShutdownLogManager;

/**
 * Starts the proxy: Helidon MP's container with this application's beans.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // before anything logs: the first use of JUL fixes its manager
        if (System.getProperty(ShutdownLogManager.PROPERTY) == null) {
            System.setProperty(ShutdownLogManager.PROPERTY, ShutdownLogManager.class.getName());
        }
        io.helidon.Main.main(args);
    }
}
