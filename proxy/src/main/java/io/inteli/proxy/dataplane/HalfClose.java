package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.Socket;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PlainSocket;

/**
 * Ends the sending side of a client connection while its receiving side stays open (a TCP FIN: the client sees the
 * end of the answer at once) for a lingering close. Helidon 4.2.6's {@link HelidonSocket} has no half-close, so the
 * JDK socket inside its {@link PlainSocket} (and {@code TlsSocket}, its subclass) is reached by reflection, looked up
 * once; where that fails, the lingering close still works, only without the early FIN.
 */
final class HalfClose {
    private static final Field DELEGATE = delegateField();

    private HalfClose() {
    }

    /** True when the sending side was ended. */
    static boolean shutdownOutput(HelidonSocket socket) {
        if (DELEGATE == null || !(socket instanceof PlainSocket)) {
            return false;
        }
        try {
            ((Socket) DELEGATE.get(socket)).shutdownOutput();
            return true;
        } catch (IOException | IllegalAccessException | RuntimeException e) {
            return false;
        }
    }

    private static Field delegateField() {
        try {
            Field field = PlainSocket.class.getDeclaredField("delegate");
            field.setAccessible(true);
            return Socket.class.isAssignableFrom(field.getType()) ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
