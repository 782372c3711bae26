package io.inteli.agent;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;

/**
 * A proxy entry {@code dns+wss://NAME:PORT/path} (or {@code dns+ws://}): every address NAME resolves to is a proxy,
 * reached at {@code wss://ADDRESS:PORT/path}.
 */
record DnsName(URI uri) {
    private static final String PREFIX = "dns+";

    static boolean isDns(URI uri) {
        return uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).startsWith(PREFIX);
    }

    /** The name to resolve, also the host name the proxies' certificates are verified for. */
    String host() {
        String host = uri.getHost();
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The URL of the proxy at {@code address}: the scheme without {@code dns+}, the address as a literal. */
    URI at(InetAddress address) {
        String literal = address instanceof Inet6Address ? "[" + address.getHostAddress().replaceAll("%.*", "") + "]"
                : address.getHostAddress();
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT).substring(PREFIX.length());
        return URI.create(scheme + "://" + literal + ":" + uri.getPort() + (uri.getRawPath() == null ? ""
                : uri.getRawPath()));
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
