package io.inteli.proxy.forwarding;

import java.time.Duration;
import java.util.List;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.Key;
import org.eclipse.microprofile.config.Config;

/**
 * What the data plane allows a client, beyond the sizes in {@link ProxySettings}: how long a request head and a
 * request body may stay silent (408 after), and whether TRACE is forwarded.
 */
public record ClientLimits(Duration headerTimeout, Duration bodyTimeout, boolean allowTrace) {
    static final Key HEADER_TIMEOUT = Key.of("inteli.proxy.client-header-timeout", "60s");
    static final Key BODY_TIMEOUT = Key.of("inteli.proxy.client-body-timeout", "60s");
    static final Key ALLOW_TRACE = Key.of("inteli.proxy.allow-trace", "false");
    public static final List<Key> KEYS = List.of(HEADER_TIMEOUT, BODY_TIMEOUT, ALLOW_TRACE);

    public static ClientLimits from(Config config) {
        ConfigValues read = new ConfigValues(config);
        return new ClientLimits(read.positiveDuration(HEADER_TIMEOUT), read.positiveDuration(BODY_TIMEOUT),
                                read.bool(ALLOW_TRACE));
    }
}
