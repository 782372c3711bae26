package io.inteli.proxy.tls;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Keystores as operators bring them, and handshakes that report what the server presented. */
public final class TlsTestSupport {
    private TlsTestSupport() {
    }

    /**
     * Writes a new PKCS#12 keystore (a fresh self-signed key, alias {@code alias}) to a temporary file next to
     * {@code file}, then renames it over {@code file}, as certificate tools replace a file. Returns its fingerprint.
     */
    public static String writeKeystore(Path file, String alias, String password) throws Exception {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path scratch = Files.createTempFile(file.toAbsolutePath().getParent(), "made", ".p12");
        Files.delete(scratch);
        KeyStore made = SelfSignedCertificate.loadOrCreate(scratch, "pw".toCharArray(), "made", "test " + alias);
        Files.delete(scratch);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(alias, made.getKey("made", "pw".toCharArray()), password.toCharArray(),
                             made.getCertificateChain("made"));
        Path tmp = file.resolveSibling(file.getFileName() + ".new");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            keyStore.store(out, password.toCharArray());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return SelfSignedCertificate.fingerprint(made.getCertificate("made"));
    }

    /** The fingerprint of the certificate the server at {@code port} presents in a new handshake. */
    public static String presentedFingerprint(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return SelfSignedCertificate.fingerprint(chain[0]);
        }
    }

    /** An SSL context that trusts exactly the certificate of the keystore at {@code file}. */
    public static SSLContext trusting(Path file, String password) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            keyStore.load(in, password.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (String alias : java.util.Collections.list(keyStore.aliases())) {
            trusted.setCertificateEntry(alias, keyStore.getCertificate(alias));
        }
        javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    /** The generated data-plane keystore of a state directory. */
    public static SSLContext trustingGenerated(Path stateDir) throws Exception {
        return trusting(stateDir.resolve(DataPlaneTls.GENERATED_FILE), DataPlaneTls.GENERATED_PASSWORD);
    }

    public static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return context;
    }
}
