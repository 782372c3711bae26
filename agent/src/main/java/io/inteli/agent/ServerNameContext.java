package io.inteli.agent;

import java.security.SecureRandom;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialized TLS context whose engines announce a fixed server name (SNI): a connection to a proxy's address
 * still asks for the name the fleet is known by, so that a TLS front or a proxy with several certificates can
 * answer with the right one. The WebSocket client creates engines with the address as the peer.
 */
final class ServerNameContext extends SSLContextSpi {
    private final SSLContext delegate;
    private final SNIHostName name;

    private ServerNameContext(SSLContext delegate, SNIHostName name) {
        this.delegate = delegate;
        this.name = name;
    }

    /** {@code delegate} itself when {@code host} cannot be a server name (an address literal). */
    static SSLContext of(SSLContext delegate, String host) {
        SNIHostName name;
        try {
            name = new SNIHostName(host);
        } catch (IllegalArgumentException e) {
            return delegate;
        }
        if (host.matches("[0-9.]+") || host.contains(":")) {
            return delegate;
        }
        return new SSLContext(new ServerNameContext(delegate, name), delegate.getProvider(), delegate.getProtocol()) {
        };
    }

    private SSLEngine named(SSLEngine engine) {
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setServerNames(List.of(name));
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
        throw new IllegalStateException("already initialized");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        return delegate.getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        return delegate.getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        return named(delegate.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        return named(delegate.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return delegate.getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return delegate.getSupportedSSLParameters();
    }
}
