package io.inteli.agent;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsNameTest {
    @Test
    void eachAddressIsReachedWithTheSchemeWithoutDnsAndTheSamePortAndPath() throws Exception {
        DnsName name = new DnsName(URI.create("dns+wss://proxies.fleet.test:9443/registry"));
        assertEquals("proxies.fleet.test", name.host());
        assertEquals(URI.create("wss://127.0.0.2:9443/registry"), name.at(InetAddress.getByName("127.0.0.2")));
        assertEquals(URI.create("wss://[0:0:0:0:0:0:0:1]:9443/registry"), name.at(InetAddress.getByName("::1")));
        assertEquals(URI.create("ws://127.0.0.2:9000/registry"), new DnsName(URI.create(
                "DNS+WS://proxies.fleet.test:9000/registry")).at(InetAddress.getByName("127.0.0.2")));
    }

    @Test
    void onlyDnsSchemesAreFleets() {
        assertTrue(DnsName.isDns(URI.create("dns+wss://a:1/registry")));
        assertFalse(DnsName.isDns(URI.create("wss://a:1/registry")));
    }

    @Test
    void theAgentAcceptsDnsProxiesBesideStaticOnesAndADnsRefresh() {
        AgentSettings settings = AgentSettings.read(config(Map.of("inteli.agent.proxies",
                "dns+wss://proxies.fleet.test:9443/registry, wss://one:9443/registry",
                "inteli.agent.dns-refresh", "500ms")));
        assertEquals(List.of(URI.create("dns+wss://proxies.fleet.test:9443/registry"),
                URI.create("wss://one:9443/registry")), settings.proxies());
        assertEquals(java.time.Duration.ofMillis(500), settings.dnsRefresh());
        assertEquals(AgentSettings.DEFAULT_DNS_REFRESH, AgentSettings.read(config(Map.of())).dnsRefresh());
    }

    @Test
    void aDnsProxyWithoutItsPortOrWithABadRefreshIsRefusedNamingTheKey() {
        InvalidSettingException noPort = assertThrows(InvalidSettingException.class, () -> AgentSettings.read(
                config(Map.of("inteli.agent.proxies", "dns+wss://proxies.fleet.test/registry"))));
        assertTrue(noPort.getMessage().startsWith("inteli.agent.proxies: "), noPort.getMessage());
        InvalidSettingException refresh = assertThrows(InvalidSettingException.class, () -> AgentSettings.read(
                config(Map.of("inteli.agent.dns-refresh", "0s"))));
        assertTrue(refresh.getMessage().startsWith("inteli.agent.dns-refresh: "), refresh.getMessage());
        InvalidSettingException scheme = assertThrows(InvalidSettingException.class, () -> AgentSettings.read(
                config(Map.of("inteli.agent.proxies", "dns+http://proxies.fleet.test:80/registry"))));
        assertTrue(scheme.getMessage().startsWith("inteli.agent.proxies: "), scheme.getMessage());
    }

    private static java.util.function.Function<String, Optional<String>> config(Map<String, String> extra) {
        Map<String, String> all = new java.util.HashMap<>(Map.of(
                "inteli.agent.proxies", "dns+wss://proxies.fleet.test:9443/registry",
                "inteli.secret", "inteli-test-secret-0123456789abcdef",
                "inteli.agent.url", "http://127.0.0.1:8081"));
        all.putAll(extra);
        return key -> Optional.ofNullable(all.get(key));
    }
}
