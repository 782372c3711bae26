package io.inteli.proxy.it;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An invalid data-plane value stops the packaged proxy at start, with a message naming the key. */
class InvalidConfigIT {

    @ParameterizedTest
    @CsvSource({"inteli.lb.strategy, fastest", "inteli.proxy.read-timeout, 0s"})
    void stopsStartUpNamingTheKey(String key, String value) throws Exception {
        try (ProxyProcess proxy = ProxyProcess.start(List.of("-Xmx96m"),
                                                     List.of("inteli.control.tls.enabled=false", key + "=" + value))) {
            assertNotEquals(0, proxy.awaitExit(Duration.ofSeconds(60)));
            assertTrue(proxy.log().contains(key + ": '" + value + "'"), proxy.log());
        }
    }
}
