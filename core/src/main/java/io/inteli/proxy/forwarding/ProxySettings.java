package io.inteli.proxy.forwarding;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.Key;
import org.eclipse.microprofile.config.Config;

/**
 * The data plane's public keys ({@code inteli.proxy.*}), parsed and checked once at start-up.
 *
 * @param maxBodySize empty: unlimited
 */
public record ProxySettings(FrontDoor frontDoor, boolean preserveHost, int noBackendStatus, int retries,
                            Duration connectTimeout, Duration readTimeout, OptionalLong maxBodySize,
                            boolean accessLog, int maxHeaderSize, int maxUriLength) {

    static final Key FRONT_DOOR = Key.of("inteli.proxy.front-door", "native");
    static final Key PRESERVE_HOST = Key.of("inteli.proxy.preserve-host", "true");
    static final Key NO_BACKEND_STATUS = Key.of("inteli.proxy.no-backend-status", "403");
    static final Key RETRIES = Key.of("inteli.proxy.retries", "1");
    static final Key CONNECT_TIMEOUT = Key.of("inteli.proxy.connect-timeout", "2s");
    static final Key READ_TIMEOUT = Key.of("inteli.proxy.read-timeout", "60s");
    /** Default: unlimited. */
    static final Key MAX_BODY_SIZE = Key.withoutDefault("inteli.proxy.max-body-size");
    static final Key MAX_HEADER_SIZE = Key.of("inteli.proxy.max-header-size", "16384");
    static final Key MAX_URI_LENGTH = Key.of("inteli.proxy.max-uri-length", "8192");
    static final Key ACCESS_LOG = Key.of("inteli.proxy.access-log", "false");
    public static final List<Key> KEYS = List.of(FRONT_DOOR, PRESERVE_HOST, NO_BACKEND_STATUS, RETRIES,
                                                 CONNECT_TIMEOUT, READ_TIMEOUT, MAX_BODY_SIZE, MAX_HEADER_SIZE,
                                                 MAX_URI_LENGTH, ACCESS_LOG);

    public enum FrontDoor { NATIVE, JAXRS }

    public static ProxySettings from(Config config) {
        ConfigValues read = new ConfigValues(config);
        FrontDoor door = FrontDoor.valueOf(read.oneOf(FRONT_DOOR, Set.of("native", "jaxrs"))
                                                   .toUpperCase(java.util.Locale.ROOT));
        return new ProxySettings(
                door,
                read.bool(PRESERVE_HOST),
                read.intInRange(NO_BACKEND_STATUS, 400, 599),
                read.intInRange(RETRIES, 0, 10),
                read.positiveDuration(CONNECT_TIMEOUT),
                read.positiveDuration(READ_TIMEOUT),
                read.byteSize(MAX_BODY_SIZE).map(OptionalLong::of).orElse(OptionalLong.empty()),
                read.bool(ACCESS_LOG),
                read.intInRange(MAX_HEADER_SIZE, 1024, 1 << 20),
                read.intInRange(MAX_URI_LENGTH, 256, 1 << 20));
    }

    /**
     * The header-section size the server's own HTTP/1 parser is given (the JAX-RS door): it answers 400, not 431,
     * for a section over its limit, so it gets a ceiling well above {@link #maxHeaderSize()} and the forwarder
     * answers 431 between the two.
     */
    public int serverHeaderCeiling() {
        return Math.max(4 * maxHeaderSize, 64 * 1024);
    }
}
