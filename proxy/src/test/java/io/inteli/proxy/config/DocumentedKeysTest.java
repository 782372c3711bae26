package io.inteli.proxy.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inteli.testsupport.DocumentedDefaults;
import io.inteli.proxy.startup.ProxyKeys;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What README.md and docs/ say about the proxy's keys and defaults is what the proxy declares ({@link ProxyKeys},
 * microprofile-config.properties, the launchers' {@code ${VAR:-default}}). Each difference is one line of the
 * failure message, naming the file, the key and both values.
 */
class DocumentedKeysTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    /** The proxy's pages with key tables (docs/agent.md documents the agent's keys: see the agent's own test). */
    private static final List<String> PAGES = List.of("docs/configuration.md", "docs/data-plane.md",
                                                      "docs/operations.md");
    /**
     * Known keys that need not be in the tables (when they are, they are checked all the same): keys other branches
     * add together with their documentation (take them out of this set once merged), and replaced keys that are
     * still accepted with a warning naming their replacement.
     */
    private static final Set<String> DOCUMENTED_ELSEWHERE = Set.of(
            "inteli.registry.ban-after", "inteli.registry.ban-for");
    private static final Pattern SCRIPT_DEFAULT = Pattern.compile("\\$\\{(INTELI_[A-Z_]+):-([^}]*)}");

    @Test
    void everyDocumentedKeyIsReadAndItsDefaultIsTheDeclaredOne() throws IOException {
        List<String> problems = new ArrayList<>();
        Properties mpConfig = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            mpConfig.load(in);
        }
        for (String page : PAGES) {
            DocumentedDefaults.of(ROOT.resolve(page)).forEach((key, documented) -> {
                if (key.startsWith("inteli.")) {
                    if (!ProxyKeys.known(key)) {
                        problems.add(page + ": documents " + key + ", which the proxy does not read (not in "
                                     + "ProxyKeys)");
                    } else if (!same(documented, ProxyKeys.DEFAULTS.get(key))) {
                        problems.add(page + ": " + key + " default " + show(documented) + ", ProxyKeys declares "
                                     + show(ProxyKeys.DEFAULTS.get(key)));
                    }
                } else if (key.startsWith("INTELI_")) {
                    String declared = scriptDefaults().get(key);
                    if (!same(documented, declared)) {
                        problems.add(page + ": " + key + " default " + show(documented) + ", the bin/ scripts use "
                                     + show(declared));
                    }
                } else if (mpConfig.containsKey(key) && !same(documented, mpConfig.getProperty(key))) {
                    problems.add(page + ": " + key + " default " + show(documented)
                                 + ", microprofile-config.properties has " + show(mpConfig.getProperty(key)));
                }
            });
        }
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void everyKeyTheProxyReadsIsDocumented() throws IOException {
        Set<String> documented = new LinkedHashSet<>();
        for (String page : PAGES) {
            documented.addAll(DocumentedDefaults.of(ROOT.resolve(page)).keySet());
        }
        List<String> problems = new ArrayList<>();
        for (String key : ProxyKeys.DEFAULTS.keySet()) {
            if (!documented.contains(key) && !DOCUMENTED_ELSEWHERE.contains(key)) {
                problems.add(key + ": read by the proxy (ProxyKeys) but in no key table of " + PAGES);
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    /**
     * The README's configuration table names every key the proxy reads (short forms such as {@code ping-timeout}
     * after {@code inteli.registry.ping-interval} share its prefix) and no other; its defaults in parentheses match.
     */
    @Test
    void theReadmesKeyTableMatchesTheProxysKeys() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 5));
        Set<String> listed = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        Pattern item = Pattern.compile("`([a-z0-9.-]+)`(?: \\((\\d+))?");
        for (String line : section.lines().filter(l -> l.startsWith("| ")).toList()) {
            String[] cells = line.split("\\|");
            if (cells.length < 3 || cells[1].trim().equals("area") || cells[1].trim().equals("agent")
                    || cells[1].trim().equals("registrar")) {
                continue; // the header, and the agent's and registrar's keys (checked in the agent module)
            }
            String prefix = "";
            Matcher m = item.matcher(cells[2]);
            while (m.find()) {
                String name = m.group(1);
                String key;
                if (name.contains(".")) {
                    key = name;
                    prefix = name.substring(0, name.lastIndexOf('.') + 1);
                } else if (name.contains("-") || !prefix.isEmpty() && ProxyKeys.known(prefix + name)) {
                    key = prefix + name;
                } else {
                    continue; // a value such as `native`
                }
                listed.add(key);
                if (key.startsWith("inteli.") && !ProxyKeys.known(key)) {
                    problems.add("README.md: lists " + key + ", which the proxy does not read (not in ProxyKeys)");
                }
                if (m.group(2) != null && key.startsWith("inteli.") && !m.group(2).equals(ProxyKeys.DEFAULTS.get(key))) {
                    problems.add("README.md: " + key + " default " + m.group(2) + ", ProxyKeys declares "
                                 + show(ProxyKeys.DEFAULTS.get(key)));
                }
            }
        }
        for (String key : ProxyKeys.DEFAULTS.keySet()) {
            if (!listed.contains(key) && !DOCUMENTED_ELSEWHERE.contains(key)) {
                problems.add("README.md: the Configuration table does not list " + key);
            }
        }
        assertTrue(listed.contains("server.port"), "README.md's table not found or changed shape:\n" + section);
        assertEquals("", String.join("\n", problems));
    }

    private static Map<String, String> scriptDefaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        for (String script : List.of("bin/inteli-proxy", "bin/run")) {
            try {
                Matcher m = SCRIPT_DEFAULT.matcher(Files.readString(ROOT.resolve(script)));
                while (m.find()) {
                    String value = m.group(2).replace("$root/", "").replace("$HOME", "~");
                    defaults.putIfAbsent(m.group(1), value.isEmpty() ? null : value);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return defaults;
    }

    private static boolean same(String a, String b) {
        return java.util.Objects.equals(a, b);
    }

    private static String show(String value) {
        return value == null ? "(none)" : "`" + value + "`";
    }
}
