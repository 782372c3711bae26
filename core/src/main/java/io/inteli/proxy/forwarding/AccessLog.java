package io.inteli.proxy.forwarding;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per data-plane request on the JUL logger {@code io.inteli.proxy.access}, when
 * {@code inteli.proxy.access-log=true}: client, request line, status, bytes sent, backend, duration.
 */
final class AccessLog {
    static final Logger LOGGER = Logger.getLogger("io.inteli.proxy.access");

    private final boolean enabled;

    AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    void log(ClientRequest in, int status, long bytes, String backend, long nanos) {
        if (!enabled || !LOGGER.isLoggable(Level.INFO)) {
            return;
        }
        String target = in.rawQuery().isEmpty() ? in.rawPath() : in.rawPath() + "?" + in.rawQuery();
        LOGGER.info(in.remoteAddress() + " \"" + in.method() + " " + target + "\" " + status + " " + bytes + " "
                            + backend + " " + (nanos / 1_000_000) + "ms");
    }
}
