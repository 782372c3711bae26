package io.inteli.proxy.dataplane;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbortLogTest {
    @Test
    void twoThousandAbortedConnectionsGiveAtMostTenLinesWithoutStackTraces() {
        Logger logger = Logger.getLogger(AbortLog.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        Level before = logger.getLevel();
        logger.setLevel(Level.INFO);
        try {
            AbortLog log = new AbortLog();
            for (int i = 0; i < 2000; i++) {
                log.aborted("aborted: 127.0.0.1", new IOException("Broken pipe"));
            }
            assertEquals(AbortLog.PER_WINDOW, records.size());
            for (LogRecord r : records) {
                assertNull(r.getThrown(), "no stack trace at the default level");
                assertTrue(r.getMessage().contains("Broken pipe"), r.getMessage());
            }
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
    }
}
