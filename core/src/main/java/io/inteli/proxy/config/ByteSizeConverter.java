package io.inteli.proxy.config;

import java.util.Locale;

import jakarta.annotation.Priority;
import org.eclipse.microprofile.config.spi.Converter;

/** {@link ByteSize} values ({@code 1048576}, {@code 512k}, {@code 10m}, {@code 1g}), registered with the ServiceLoader. */
@Priority(200)
public final class ByteSizeConverter implements Converter<ByteSize> {
    @Override
    public ByteSize convert(String value) {
        if (value == null || value.isBlank()) {
            return null; // absent, as MicroProfile Config treats an empty value
        }
        String text = value.trim();
        String digits = text.toLowerCase(Locale.ROOT);
        int shift = switch (digits.charAt(digits.length() - 1)) {
        case 'k' -> 10;
        case 'm' -> 20;
        case 'g' -> 30;
        default -> 0;
        };
        if (shift > 0) {
            digits = digits.substring(0, digits.length() - 1);
        }
        try {
            long n = Long.parseLong(digits);
            if (n >= 0 && n <= Long.MAX_VALUE >> shift) {
                return new ByteSize(n << shift);
            }
        } catch (NumberFormatException ignored) {
            // same message as out of range
        }
        throw new InvalidValueException("'" + text + "' is not a byte count such as 1048576, 512k, 10m or 1g");
    }
}
