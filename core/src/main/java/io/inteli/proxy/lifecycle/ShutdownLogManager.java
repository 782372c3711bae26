package io.inteli.proxy.lifecycle;

import java.util.logging.LogManager;

/**
 * JUL's own shutdown hook resets every handler while the other hooks still run: Helidon's container stop and the
 * proxy's graceful shutdown would then log nothing at all. This manager ignores that one reset (it comes from the
 * hook's thread); every other reset, such as Helidon reading {@code logging.properties}, goes through.
 */
public final class ShutdownLogManager extends LogManager {
    public static final String PROPERTY = "java.util.logging.manager";

    @Override
    public void reset() {
        if (!Thread.currentThread().getClass().getName().equals(LogManager.class.getName() + "$Cleaner")) {
            super.reset();
        }
    }
}
