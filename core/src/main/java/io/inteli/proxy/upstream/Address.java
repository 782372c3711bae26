package io.inteli.proxy.upstream;

import java.net.URI;

/** Where a backend listens: the key of its pool of connections. */
record Address(boolean secure, String host, int port) {
    static Address of(URI url) {
        boolean secure = "https".equals(url.getScheme());
        return new Address(secure, url.getHost(), url.getPort() >= 0 ? url.getPort() : secure ? 443 : 80);
    }

    @Override
    public String toString() {
        return (secure ? "https://" : "http://") + host + ":" + port;
    }
}
