package io.inteli.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys a documentation page lists with their defaults, read from its Markdown tables whose header starts
 * {@code | key | default |} (or {@code | variable | default |}), for the tests that hold the docs to the code.
 */
public final class DocumentedDefaults {
    private static final Pattern HEADER = Pattern.compile("^\\|\\s*(key|variable)\\s*\\|\\s*default\\s*\\|.*");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|");
    private static final Pattern LITERAL = Pattern.compile("^`([^`]*)`");

    private DocumentedDefaults() {
    }

    /**
     * Key -> default as the page writes it: one {@code `literal`}, "empty" (""), or anything else (null: none,
     * generated, unlimited, computed), in the page's order.
     */
    public static Map<String, String> of(Path page) throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(page)) {
            if (HEADER.matcher(line).matches()) {
                inTable = true;
            } else if (!line.startsWith("|")) {
                inTable = false;
            } else if (inTable) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    defaults.put(m.group(1), normalized(m.group(2).trim()));
                }
            }
        }
        return Collections.unmodifiableMap(defaults);
    }

    private static String normalized(String cell) {
        if (cell.equals("empty")) {
            return "";
        }
        Matcher literal = LITERAL.matcher(cell);
        return literal.find() && !literal.group(1).contains("<") ? literal.group(1) : null;
    }
}
