package io.inteli.proxy;

import java.io.InputStream;
import java.util.Properties;

import io.inteli.proxy.logging.PlainNumbersFormatter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Helidon runtime's logging configuration writes numbers with the core's formatter. */
class LoggingConfigurationTest {
    @Test
    void theProxysLoggingConfigurationUsesThePlainNumbersFormatter() throws Exception {
        Properties logging = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/logging.properties")) {
            logging.load(in);
        }
        assertEquals(PlainNumbersFormatter.class.getName(),
                     logging.getProperty("io.helidon.logging.jul.HelidonConsoleHandler.formatter"));
    }
}
