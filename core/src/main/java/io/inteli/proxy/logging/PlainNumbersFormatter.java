package io.inteli.proxy.logging;

import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

/**
 * The proxy's log format ({@code logging.properties}) with numbers as Java writes them: JUL formats a record's
 * parameters with {@link java.text.MessageFormat}, which groups digits by locale ({@code close 1,008},
 * {@code weight 1,000}, {@code 12,345 ms}). Close codes, ports, counts and milliseconds are read by people and
 * searched for by scripts: {@code 1008}.
 */
public class PlainNumbersFormatter extends SimpleFormatter {
    @Override
    public String formatMessage(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters != null) {
            Object[] plain = null;
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof Number n) {
                    if (plain == null) {
                        plain = parameters.clone();
                    }
                    plain[i] = n.toString();
                }
            }
            if (plain != null) {
                record.setParameters(plain);
            }
        }
        return super.formatMessage(record);
    }
}
