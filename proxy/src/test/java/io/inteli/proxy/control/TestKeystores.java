package io.inteli.proxy.control;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import io.inteli.proxy.tls.SelfSignedCertificate;

/** Keystores as an operator would bring them: PKCS#12 with a password and an alias of their own. */
public final class TestKeystores {
    public static final String ALIAS = "server";
    private static final String MADE = "made";

    private TestKeystores() {
    }

    /** Writes {@code file} and returns the fingerprint of its certificate. */
    public static String write(Path file, String password) throws Exception {
        Path scratch = Files.createTempDirectory(file.getParent(), "made");
        KeyStore made = SelfSignedCertificate.loadOrCreate(scratch.resolve("made.p12"), "pw".toCharArray(), MADE, "test");
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry(ALIAS, made.getKey(MADE, "pw".toCharArray()), password.toCharArray(),
                             made.getCertificateChain(MADE));
        try (OutputStream out = Files.newOutputStream(file)) {
            keyStore.store(out, password.toCharArray());
        }
        return SelfSignedCertificate.fingerprint(made.getCertificate(MADE));
    }
}
