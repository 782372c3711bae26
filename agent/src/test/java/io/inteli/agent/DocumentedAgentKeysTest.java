package io.inteli.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.inteli.testsupport.DocumentedDefaults;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/agent.md's key table and the README's "agent" row name exactly the keys the agent reads ({@link AgentKeys}),
 * with the same defaults. One failure line per difference, naming the key and both values.
 */
class DocumentedAgentKeysTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
    /** Read by the agent but documented outside the key tables (none today). */
    private static final Set<String> DOCUMENTED_ELSEWHERE = Set.of();

    @Test
    void docsAgentMdMatchesTheAgentsKeysAndDefaults() throws IOException {
        Map<String, String> documented = DocumentedDefaults.of(ROOT.resolve("docs/agent.md"));
        List<String> problems = new ArrayList<>();
        documented.forEach((key, value) -> {
            if (!AgentKeys.DEFAULTS.containsKey(key)) {
                problems.add("docs/agent.md: documents " + key + ", which the agent does not read (not in AgentKeys)");
            } else if (!Objects.equals(value, AgentKeys.DEFAULTS.get(key))) {
                problems.add("docs/agent.md: " + key + " default " + show(value) + ", AgentKeys declares "
                             + show(AgentKeys.DEFAULTS.get(key)));
            }
        });
        for (String key : AgentKeys.DEFAULTS.keySet()) {
            if (!documented.containsKey(key) && !DOCUMENTED_ELSEWHERE.contains(key)) {
                problems.add("docs/agent.md: the key table does not list " + key);
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    @Test
    void theReadmesAgentRowNamesTheAgentsKeys() throws IOException {
        // the agent's row, and the registrar's row for the keys only the registrar reads
        String cells = Files.readAllLines(ROOT.resolve("README.md")).stream()
                .filter(l -> l.startsWith("| agent | ") || l.startsWith("| registrar | "))
                .map(l -> l.split("\\|")[2]).reduce("", String::concat);
        Set<String> listed = new LinkedHashSet<>();
        String prefix = "";
        Matcher m = Pattern.compile("`([a-z0-9.-]+)`").matcher(cells);
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith("inteli.")) {
                listed.add(name);
                prefix = name.startsWith("inteli.agent.") ? "inteli.agent." : prefix;
            } else {
                listed.add(prefix + name);
            }
        }
        List<String> problems = new ArrayList<>();
        for (String key : listed) {
            if (!AgentKeys.DEFAULTS.containsKey(key)) {
                problems.add("README.md: the agent row lists " + key + ", which the agent does not read");
            }
        }
        for (String key : AgentKeys.DEFAULTS.keySet()) {
            if (!listed.contains(key) && !DOCUMENTED_ELSEWHERE.contains(key)) {
                problems.add("README.md: the agent row does not list " + key);
            }
        }
        assertEquals("", String.join("\n", problems));
    }

    private static String show(String value) {
        return value == null ? "(none)" : "`" + value + "`";
    }
}
