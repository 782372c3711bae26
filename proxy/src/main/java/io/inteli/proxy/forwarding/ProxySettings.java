package io.inteli.proxy.forwarding;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;

import io.inteli.proxy.config.ConfigValues;
import org.eclipse.microprofile.config.Config;

/**
 * The data plane's public keys ({@code inteli.proxy.*}), parsed and checked once at start-up.
 *
 * @param maxBodySize empty: unlimited
 */
public record ProxySettings(FrontDoor frontDoor, boolean preserveHost, int noBackendStatus, int retries,
                            Duration connectTimeout, Duration readTimeout, OptionalLong maxBodySize,
                            boolean accessLog, int maxHeaderSize, int maxUriLength) {

    public static final String PREFIX = "inteli.proxy.";
    public static final String FRONT_DOOR = PREFIX + "front-door";
    public static final String MAX_HEADER_SIZE = PREFIX + "max-header-size";
    public static final String MAX_URI_LENGTH = PREFIX + "max-uri-length";
    static final int DEFAULT_MAX_HEADER_SIZE = 16384;
    static final int DEFAULT_MAX_URI_LENGTH = 8192;

    public enum FrontDoor { NATIVE, JAXRS }

    public static ProxySettings from(Config config) {
        ConfigValues read = new ConfigValues(config);
        FrontDoor door = FrontDoor.valueOf(read.oneOf(FRONT_DOOR, "native", Set.of("native", "jaxrs"))
                                                   .toUpperCase(java.util.Locale.ROOT));
        return new ProxySettings(
                door,
                read.bool(PREFIX + "preserve-host", true),
                read.intInRange(PREFIX + "no-backend-status", 403, 400, 599),
                read.intInRange(PREFIX + "retries", 1, 0, 10),
                read.positiveDuration(PREFIX + "connect-timeout", Duration.ofSeconds(2)),
                read.positiveDuration(PREFIX + "read-timeout", Duration.ofSeconds(60)),
                read.byteSize(PREFIX + "max-body-size").map(OptionalLong::of).orElse(OptionalLong.empty()),
                read.bool(PREFIX + "access-log", false),
                read.intInRange(MAX_HEADER_SIZE, DEFAULT_MAX_HEADER_SIZE, 1024, 1 << 20),
                read.intInRange(MAX_URI_LENGTH, DEFAULT_MAX_URI_LENGTH, 256, 1 << 20));
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
