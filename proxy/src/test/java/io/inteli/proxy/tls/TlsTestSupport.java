package io.inteli.proxy.tls;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.inteli.testsupport.TestTls;

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
        try (SSLSocket socket = (SSLSocket) TestTls.trustAll().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return SelfSignedCertificate.fingerprint(chain[0]);
        }
    }

    /** The generated data-plane keystore of a state directory. */
    public static SSLContext trustingGenerated(Path stateDir) throws Exception {
        return TestTls.trusting(stateDir.resolve(DataPlaneTls.GENERATED_FILE), DataPlaneTls.GENERATED_PASSWORD);
    }
}
