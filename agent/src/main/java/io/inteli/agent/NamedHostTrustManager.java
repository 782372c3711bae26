package io.inteli.agent;

import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.X509ExtendedTrustManager;

/**
 * For a proxy reached by address but named by DNS ({@code dns+wss://NAME:...}): the chain must be trusted (the
 * truststore, or the JVM's CAs) and the certificate must name NAME, whatever address the connection went to. The
 * JDK's own check would compare with the address, which a certificate for a fleet does not list.
 * <p>
 * NAME is matched against the certificate's DNS subject alternative names only (RFC 6125; no common-name fallback),
 * case-insensitively; a wildcard stands for exactly one whole left-most label ({@code *.proxies.example}).
 */
final class NamedHostTrustManager extends ServerOnlyTrustManager {
    private static final int DNS_NAME = 2;
    private final X509ExtendedTrustManager chain;
    private final String host;

    NamedHostTrustManager(X509ExtendedTrustManager chain, String host) {
        this.chain = chain;
        this.host = host.toLowerCase(Locale.ROOT);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
        // Without a socket or engine, the JDK's trust manager checks the chain only, not an identity.
        chain.checkServerTrusted(certificates, authType);
        if (!names(certificates[0], host)) {
            throw new CertificateException("the proxy's certificate does not name " + host + " (its DNS names: "
                    + dnsNames(certificates[0]) + ")");
        }
    }

    static boolean names(X509Certificate certificate, String host) throws CertificateParsingException {
        String wanted = host.toLowerCase(Locale.ROOT);
        for (String name : dnsNames(certificate)) {
            String pattern = name.toLowerCase(Locale.ROOT);
            if (pattern.equals(wanted)) {
                return true;
            }
            if (pattern.startsWith("*.") && pattern.indexOf('*', 1) < 0) {
                int dot = wanted.indexOf('.');
                if (dot > 0 && wanted.substring(dot).equals(pattern.substring(1))
                        && pattern.substring(2).contains(".")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> dnsNames(X509Certificate certificate) throws CertificateParsingException {
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names == null) {
            return List.of();
        }
        return names.stream().filter(n -> n.size() >= 2 && Integer.valueOf(DNS_NAME).equals(n.get(0)))
                .map(n -> String.valueOf(n.get(1))).toList();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chain.getAcceptedIssuers();
    }
}
