package io.inteli.proxy.logging;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlainNumbersFormatterTest {
    @Test
    void numbersAreWrittenWithoutGroupingWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            for (Locale locale : new Locale[] {Locale.US, Locale.GERMANY, Locale.FRANCE}) {
                Locale.setDefault(locale);
                LogRecord record = new LogRecord(Level.INFO, "closed {0} after {1} ms, weight {2}, rtt {3}, {4}");
                record.setParameters(new Object[] {1008, 12345L, (short) 1000, 1234.5, "text"});
                assertEquals("closed 1008 after 12345 ms, weight 1000, rtt 1234.5, text",
                             new PlainNumbersFormatter().formatMessage(record), locale.toString());
            }
        } finally {
            Locale.setDefault(before);
        }
    }
}
