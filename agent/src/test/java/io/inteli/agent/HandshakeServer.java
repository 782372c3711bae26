package io.inteli.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A TLS server that completes (or refuses) handshakes and nothing more: the proxy's side of the agent's TLS. */
final class HandshakeServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final CompletableFuture<Void> serverSide;

    HandshakeServer(KeyStore keys, String password, InetAddress address) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, address);
        serverSide = CompletableFuture.runAsync(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                } catch (IOException ignored) {
                    // a refused handshake is what some tests expect
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        server.close();
        serverSide.join();
    }
}
