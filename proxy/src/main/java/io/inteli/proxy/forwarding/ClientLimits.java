package io.inteli.proxy.forwarding;

import java.time.Duration;

import io.inteli.proxy.config.ConfigValues;
import org.eclipse.microprofile.config.Config;

/**
 * What the data plane allows a client, beyond the sizes in {@link ProxySettings}: how long a request head and a
 * request body may stay silent (408 after), and whether TRACE is forwarded.
 */
public record ClientLimits(Duration headerTimeout, Duration bodyTimeout, boolean allowTrace) {
    public static final String HEADER_TIMEOUT = ProxySettings.PREFIX + "client-header-timeout";
    public static final String BODY_TIMEOUT = ProxySettings.PREFIX + "client-body-timeout";
    public static final String ALLOW_TRACE = ProxySettings.PREFIX + "allow-trace";

    public static ClientLimits from(Config config) {
        ConfigValues read = new ConfigValues(config);
        return new ClientLimits(read.positiveDuration(HEADER_TIMEOUT, Duration.ofSeconds(60)),
                                read.positiveDuration(BODY_TIMEOUT, Duration.ofSeconds(60)),
                                read.bool(ALLOW_TRACE, false));
    }
}
