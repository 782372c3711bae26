package io.inteli.e2e;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.X509TrustManager;

/** The tests' admin client trusts the proxy's certificate whose SHA-256 the proxy logged, as an agent does. */
final class PinnedCertificate implements X509TrustManager {
    private final byte[] pin;

    PinnedCertificate(String loggedFingerprint) {
        this.pin = HexFormat.of().parseHex(loggedFingerprint.replace(":", "").toLowerCase(Locale.ROOT));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            if (!MessageDigest.isEqual(pin, MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()))) {
                throw new CertificateException("not the proxy's certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateException(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("server side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
