package io.inteli.agent;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Self-signed certificates for a proxy's TLS, and truststores holding them, as an operator brings them. */
final class TestCertificates {
    static final String KEY_PASSWORD = "pw";
    static final String TRUSTSTORE_PASSWORD = "secret";

    private TestCertificates() {
    }

    static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    /** Valid from an hour ago for a day, naming {@code dnsNames} (subject alternative names) when there are any. */
    static X509Certificate selfSigned(KeyPair keys, String subjectName, String... dnsNames) throws Exception {
        X500Name subject = new X500Name(subjectName);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject,
                keys.getPublic());
        if (dnsNames.length > 0) {
            GeneralName[] names = new GeneralName[dnsNames.length];
            for (int i = 0; i < dnsNames.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    }

    /** A server's self-signed certificate and the keystore that presents it. */
    record ServerIdentity(X509Certificate certificate, KeyStore keys) {
    }

    /** A new key pair, its certificate ({@link #selfSigned}) and its keystore ({@link #keyStore}). */
    static ServerIdentity selfSignedServer(String subjectName, String... dnsNames) throws Exception {
        KeyPair keys = keyPair();
        X509Certificate certificate = selfSigned(keys, subjectName, dnsNames);
        return new ServerIdentity(certificate, keyStore(keys, certificate));
    }

    /** The proxy's keystore: the key under alias {@code proxy}, password {@link #KEY_PASSWORD}. */
    static KeyStore keyStore(KeyPair keys, X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("proxy", keys.getPrivate(), KEY_PASSWORD.toCharArray(), new Certificate[] {certificate});
        return store;
    }

    /** A PKCS#12 truststore (password {@link #TRUSTSTORE_PASSWORD}) holding only {@code trusted}. */
    static Path truststore(Path file, X509Certificate trusted) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("proxy", trusted);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, TRUSTSTORE_PASSWORD.toCharArray());
        }
        return file;
    }
}
