package io.inteli.proxy.config;

import java.time.Duration;
import java.util.Map;

import io.inteli.protocol.Durations;
import io.inteli.proxy.balancing.BalancerSettings;
import io.inteli.proxy.forwarding.ProxySettings;
import io.inteli.testsupport.TestConfig;
import io.inteli.proxy.startup.ProxyKeys;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The defaults {@link ProxyKeys} declares (and the documentation shows, see DocumentedKeysTest) are the ones the
 * data plane's and the balancer's parsers use when a key is absent.
 */
class DeclaredDefaultsTest {
    private final ProxySettings proxy = ProxySettings.from(TestConfig.of(Map.of()));
    private final BalancerSettings balancer = BalancerSettings.from(TestConfig.of(Map.of()));

    @Test
    void dataPlaneDefaults() {
        assertEquals(declared("inteli.proxy.front-door"), proxy.frontDoor().name().toLowerCase(java.util.Locale.ROOT));
        assertEquals(declared("inteli.proxy.preserve-host"), String.valueOf(proxy.preserveHost()));
        assertEquals(declared("inteli.proxy.no-backend-status"), String.valueOf(proxy.noBackendStatus()));
        assertEquals(declared("inteli.proxy.retries"), String.valueOf(proxy.retries()));
        assertEquals(duration("inteli.proxy.connect-timeout"), proxy.connectTimeout());
        assertEquals(duration("inteli.proxy.read-timeout"), proxy.readTimeout());
        assertEquals(null, ProxyKeys.DEFAULTS.get("inteli.proxy.max-body-size"), "unlimited");
        assertEquals(true, proxy.maxBodySize().isEmpty(), "unlimited");
        assertEquals(declared("inteli.proxy.max-header-size"), String.valueOf(proxy.maxHeaderSize()));
        assertEquals(declared("inteli.proxy.max-uri-length"), String.valueOf(proxy.maxUriLength()));
        assertEquals(declared("inteli.proxy.access-log"), String.valueOf(proxy.accessLog()));
    }

    @Test
    void balancerDefaults() {
        assertEquals(declared("inteli.lb.strategy"), balancer.strategy().configName());
        assertEquals(true, balancer.stickyCookie().isEmpty());
        assertEquals(declared("inteli.lb.eject-after"), String.valueOf(balancer.ejectAfter()));
        assertEquals(duration("inteli.lb.eject-for"), balancer.ejectFor());
    }

    private static String declared(String key) {
        return ProxyKeys.defaultOf(key).orElseThrow(() -> new AssertionError(key + " declares no default"));
    }

    private static Duration duration(String key) {
        return Durations.parse(declared(key));
    }
}
