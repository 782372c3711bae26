package io.inteli.proxy.socket;

import java.lang.reflect.Field;
import java.net.Socket;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PlainSocket;

/**
 * The JDK socket inside a Helidon 4.2.6 {@link HelidonSocket}, for what Helidon does not expose: a half close, and
 * whether the connection was closed ({@code HelidonSocket.isConnected()} stays true after Helidon closed it). It is a
 * private field of {@link PlainSocket} (and {@code TlsSocket}, its subclass), looked up once by reflection; where
 * that fails (another Helidon), callers do without.
 */
public final class JdkSockets {
    private static final Field DELEGATE = delegateField();

    private JdkSockets() {
    }

    /** The JDK socket under {@code socket}; null when it cannot be reached. */
    public static Socket of(HelidonSocket socket) {
        if (DELEGATE == null || !(socket instanceof PlainSocket)) {
            return null;
        }
        try {
            return (Socket) DELEGATE.get(socket);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
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
