package io.inteli.agent;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;

import io.inteli.protocol.CertificatePin;
import io.inteli.protocol.Hmac;

/**
 * Trusts exactly the server certificates whose SHA-256 (of the DER encoding) is one of the pins. The pin is the
 * whole identity of the proxy, so host names are not checked against it (a self-signed certificate names the
 * proxy's own host, which an agent may reach under another name). Public for the end-to-end tests' admin client,
 * which trusts the proxy as an agent does.
 */
public final class PinnedTrustManager extends ServerOnlyTrustManager {
    private final List<byte[]> pins;

    /** The SHA-256 fingerprints in hex (64 digits each, no colons). */
    public PinnedTrustManager(List<String> pinsHex) {
        this.pins = pinsHex.stream().map(HexFormat.of()::parseHex).toList();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the proxy sent no certificate");
        }
        byte[] actual = CertificatePin.digest(chain[0]);
        boolean match = false;
        for (byte[] pin : pins) {
            match |= Hmac.sameBytes(actual, pin);
        }
        if (!match) {
            throw new CertificateException("the proxy's certificate SHA-256 "
                    + CertificatePin.format(actual)
                    + " does not match " + AgentSettings.PIN);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
