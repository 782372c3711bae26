package io.inteli.proxy.it;

import com.sun.net.httpserver.HttpServer;

/** How an IT stops what it started: in the order given (the agent before the proxy before the backend). */
final class Teardown {
    private Teardown() {
    }

    /** Closes each in turn; one never started (null) is passed over. */
    static void close(AutoCloseable... inOrder) throws Exception {
        for (AutoCloseable c : inOrder) {
            if (c != null) {
                c.close();
            }
        }
    }

    /** A started JDK server as something to close: stopped at once, its exchanges are the test's to have ended. */
    static AutoCloseable stopping(HttpServer server) {
        return server == null ? null : () -> server.stop(0);
    }
}
