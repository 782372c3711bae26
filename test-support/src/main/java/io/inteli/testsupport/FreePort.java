package io.inteli.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** An ephemeral port for a process to be started: bound once on port 0, released, passed on. */
public final class FreePort {
    private FreePort() {
    }

    public static int find() {
        return find("127.0.0.1");
    }

    /** A port free on every one of {@code hosts} at once (a fleet's proxies listen on the same port). */
    public static int findOnAll(java.util.List<String> hosts) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = find(hosts.get(0));
            boolean free = true;
            for (String host : hosts) {
                try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(host))) {
                    socket.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return port;
            }
        }
        throw new IllegalStateException("no port free on all of " + hosts);
    }

    /** A port free on {@code host} (one of the loopback addresses 127.0.0.0/8). */
    public static int find(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
