package io.inteli.testsupport;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.spi.ConfigProviderResolver;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** A MicroProfile Config holding exactly the given values, for tests of how a key is read and validated. */
public final class TestConfig {
    private TestConfig() {
    }

    public static Config of(Map<String, String> values) {
        ConfigSource source = new ConfigSource() {
            @Override
            public Set<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public String getValue(String name) {
                return values.get(name);
            }

            @Override
            public String getName() {
                return "test";
            }
        };
        return ConfigProviderResolver.instance().getBuilder().addDiscoveredConverters().withSources(source).build();
    }
}
