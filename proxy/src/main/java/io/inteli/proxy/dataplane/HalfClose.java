package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.net.Socket;

import io.helidon.common.socket.HelidonSocket;
import io.inteli.proxy.socket.JdkSockets;

/**
 * Ends the sending side of a client connection while its receiving side stays open (a TCP FIN: the client sees the
 * end of the answer at once) for a lingering close. Helidon 4.2.6's {@link HelidonSocket} has no half-close, so the
 * JDK socket inside it is used ({@link JdkSockets}); where that fails, the lingering close still works, only without
 * the early FIN.
 */
final class HalfClose {
    private HalfClose() {
    }

    /** True when the sending side was ended. */
    static boolean shutdownOutput(HelidonSocket socket) {
        Socket jdk = JdkSockets.of(socket);
        if (jdk == null) {
            return false;
        }
        try {
            jdk.shutdownOutput();
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
