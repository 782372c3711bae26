package io.inteli.protocol;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds configuration keys under a prefix (such as {@code inteli.}) that no component reads, and names the closest
 * known key, so that a misspelled key is reported instead of silently ignored. Shared by the proxy, the agent and
 * the registrar; it knows nothing of MicroProfile Config: callers pass the names their config holds.
 *
 * <p>Names are taken in two forms:
 * <ul>
 *   <li>property form ({@code inteli.lb.stratgy}: system properties, properties files): checked as written;</li>
 *   <li>environment form ({@code INTELI_LB_STRATGY}: upper case, digits and {@code _}): known when some known key
 *       maps to it the MicroProfile way (every character other than a letter or digit becomes {@code _}, upper
 *       case), which is unambiguous in that direction. The launchers' own variables ({@link #LAUNCHER_VARIABLES})
 *       are not keys and are skipped. Other spellings (lower-case with {@code _}) are not checked.</li>
 * </ul>
 */
public final class UnknownKeys {
    /** Environment variables the scripts in {@code bin/} read themselves; they are not configuration keys. */
    private static final Set<String> LAUNCHER_VARIABLES = Set.of(
            "INTELI_HEAP", "INTELI_GC", "INTELI_JAVA_OPTS", "INTELI_PROXY_JAR", "INTELI_JVM_DIR",
            "INTELI_HTTP_PORT", "INTELI_CONTROL_PORT", "INTELI_DEMO_PORT");

    private UnknownKeys() {
    }

    /**
     * One line per unknown name under {@code prefix}, in name order:
     * {@code inteli.lb.stratgy: unknown key; did you mean inteli.lb.strategy?}
     *
     * @param names  every name the configuration holds (other namespaces are ignored)
     * @param prefix such as {@code inteli.}, lower case and dotted
     * @param known  the keys the component reads (all under the prefix)
     */
    public static List<String> warnings(Iterable<String> names, String prefix, Collection<String> known) {
        String envPrefix = environmentForm(prefix);
        Set<String> knownEnv = new TreeSet<>();
        known.forEach(k -> knownEnv.add(environmentForm(k)));
        List<String> lines = new ArrayList<>();
        for (String name : new TreeSet<>(collect(names))) {
            if (name.startsWith(prefix)) {
                if (!known.contains(name)) {
                    lines.add(name + ": unknown key; did you mean " + closest(name, known) + "?");
                }
            } else if (name.startsWith(envPrefix) && isEnvironmentForm(name) && !knownEnv.contains(name)
                    && !LAUNCHER_VARIABLES.contains(name)) {
                String suggestion = closest(name.toLowerCase(Locale.ROOT).replace('_', '.'), known);
                lines.add(name + ": unknown key (environment variable); did you mean " + environmentForm(suggestion)
                        + " (" + suggestion + ")?");
            }
        }
        return lines;
    }

    /** The known key nearest to {@code key} (Damerau-Levenshtein distance; on a tie, the first in sorted order). */
    public static String closest(String key, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** How MicroProfile Config names {@code key} in the environment: {@code inteli.lb.strategy} -> INTELI_LB_STRATEGY. */
    private static String environmentForm(String key) {
        StringBuilder s = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            s.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                             ? Character.toUpperCase(c) : '_');
        }
        return s.toString();
    }

    /**
     * Edits (insertion, deletion, substitution, swap of two neighbours) between two strings: the optimal string
     * alignment variant of the Damerau-Levenshtein distance, enough for typing mistakes.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, d[i - 2][j - 2] + 1);
                }
                d[i][j] = best;
            }
        }
        return d[a.length()][b.length()];
    }

    private static boolean isEnvironmentForm(String name) {
        return name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
    }

    private static List<String> collect(Iterable<String> names) {
        List<String> list = new ArrayList<>();
        names.forEach(list::add);
        return list;
    }
}
