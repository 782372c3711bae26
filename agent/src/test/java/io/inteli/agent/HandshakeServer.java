package io.inteli.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A TLS server that completes (or refuses) handshakes and nothing more: the proxy's side of the agent's TLS. */
final class HandshakeServer implements AutoCloseable {
    private final SSLServerSocket server;
    private final CompletableFuture<Void> serverSide;

    /** On 127.0.0.1, a free port, presenting {@code identity}. */
    HandshakeServer(TestCertificates.ServerIdentity identity) throws Exception {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(identity.keys(), TestCertificates.KEY_PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
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
