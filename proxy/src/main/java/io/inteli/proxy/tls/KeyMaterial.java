package io.inteli.proxy.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first private key of a PKCS#12 keystore with its certificate chain, whatever its alias: operators bring
 * keystores made by openssl or keytool with aliases of their own, and Helidon's keystore configuration finds only
 * the alias it is told.
 *
 * @param fingerprint SHA-256 of the leaf certificate, as {@link SelfSignedCertificate#fingerprint} writes it
 */
public record KeyMaterial(String alias, PrivateKey privateKey, List<X509Certificate> chain, String fingerprint) {

    public KeyMaterial {
        chain = List.copyOf(chain);
    }

    /**
     * @throws IOException              the file cannot be read, is not PKCS#12, or the password is wrong
     * @throws GeneralSecurityException the keystore holds no private key with an X.509 certificate
     */
    public static KeyMaterial read(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keyStore.load(in, password);
        }
        for (String alias : Collections.list(keyStore.aliases())) {
            if (keyStore.isKeyEntry(alias) && keyStore.getCertificate(alias) instanceof X509Certificate leaf
                    && keyStore.getKey(alias, password) instanceof PrivateKey key) {
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : keyStore.getCertificateChain(alias)) {
                    if (c instanceof X509Certificate x509) {
                        chain.add(x509);
                    }
                }
                return new KeyMaterial(alias, key, chain.isEmpty() ? List.of(leaf) : chain,
                                       SelfSignedCertificate.fingerprint(leaf));
            }
        }
        throw new GeneralSecurityException("it holds no private key with an X.509 certificate");
    }
}
