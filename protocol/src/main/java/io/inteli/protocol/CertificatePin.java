package io.inteli.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;

/**
 * The control plane's identity as agents pin it ({@code inteli.agent.tls.pin}): the SHA-256 of the certificate's DER
 * encoding, written as colon-separated upper-case hex. The proxy logs it in this form, whatever runtime it runs on,
 * and the agent compares against it.
 */
public final class CertificatePin {
    private static final HexFormat FORMAT = HexFormat.ofDelimiter(":").withUpperCase();

    private CertificatePin() {
    }

    /** SHA-256 of the DER-encoded certificate. */
    public static byte[] digest(Certificate certificate) throws CertificateEncodingException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A digest in the pin's written form, {@code AB:CD:...}. */
    public static String format(byte[] digest) {
        return FORMAT.formatHex(digest);
    }

    /** The certificate's pin in its written form. */
    public static String of(Certificate certificate) throws CertificateEncodingException {
        return format(digest(certificate));
    }
}
