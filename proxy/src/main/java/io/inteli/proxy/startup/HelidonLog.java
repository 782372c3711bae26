package io.inteli.proxy.startup;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Keeps Helidon's log from claiming what did not happen. When a listener cannot bind, Helidon 4.2.6 logs the
 * failure with its stack trace ({@code LoomServer}), returns normally, and then logs
 * {@code Server started on http://localhost:-1} ({@code ServerCdiExtension.startServer}). The failure is kept here
 * for {@link ListenerCheck}, which stops the start with one line; its stack trace is logged only when asked for, and
 * the false claim never. The same holds for a failure while the CDI container starts ({@code BuildTimeInitializer}
 * logs it with its stack trace).
 */
final class HelidonLog {
    /** What the listeners failed with, in order. */
    static final List<ListenerFailure> LISTENER_FAILURES = new CopyOnWriteArrayList<>();
    // strong references: JUL keeps its loggers weakly, and a filter lives on its logger
    private static final Logger SERVER = Logger.getLogger("io.helidon.webserver.LoomServer");
    private static final Logger MP_SERVER = Logger.getLogger("io.helidon.microprofile.server.ServerCdiExtension");
    private static final Logger CDI_START = Logger.getLogger("io.helidon.microprofile.cdi.BuildTimeInitializer");

    /** @param address host:port as Helidon logged it */
    record ListenerFailure(String address, Throwable cause) {
        int port() {
            try {
                return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    private HelidonLog() {
    }

    static void install(boolean stackTraces) {
        SERVER.setFilter(record -> {
            String message = record.getMessage();
            if (message != null && message.startsWith("Failed to start listener")) {
                // "Failed to start listener: /127.0.0.1:8080"
                String address = message.substring(message.indexOf(':') + 1).trim();
                LISTENER_FAILURES.add(new ListenerFailure(address.startsWith("/") ? address.substring(1) : address,
                        record.getThrown() != null ? record.getThrown() : new IllegalStateException(message)));
                return stackTraces;
            }
            return true;
        });
        MP_SERVER.setFilter(record -> {
            String message = record.getMessage();
            return message == null || !message.startsWith("Server started on") || LISTENER_FAILURES.isEmpty();
        });
        // A failure inside the container (an extension's observer: the state directory's files, say) is logged
        // here with its whole stack trace before it reaches Startup, which prints the one line that names the key.
        CDI_START.setFilter(record -> stackTraces || record.getThrown() == null);
    }
}
