package io.inteli.proxy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No package of the proxy uses another that uses it back, directly or through others; every package lives in one
 * module; and the core (module {@code core/}) never refers to a runtime: no Helidon or Jersey type, no package of this
 * runtime module. Read from the compiled classes of both modules (every class name in each constant pool: imports,
 * signatures, annotations), so nothing escapes that the compiler kept. The core's classes are its build output beside
 * this module's ({@code ../core/target}), built first by the reactor.
 */
class PackageCyclesTest {
    private static final Path CLASSES = Path.of("target/classes");
    private static final Path CORE_CLASSES = Path.of("../core/target/classes");
    private static final Path CORE_TEST_CLASSES = Path.of("../core/target/test-classes");
    private static final Pattern REFERENCE = Pattern.compile("io/inteli/proxy/([A-Za-z0-9_/$]+)/[A-Za-z0-9_$]+");
    /** Class-name prefixes of runtime implementations, which the core must not name. */
    private static final List<String> RUNTIME_TYPES = List.of("io/helidon/", "org/glassfish/");

    @Test
    void noPackageDependsOnItselfThroughOthers() throws IOException {
        Map<String, Set<String>> uses = dependencies(CLASSES, CORE_CLASSES);
        assertTrue(uses.containsKey("io.inteli.proxy.control"), "compiled classes found: " + uses.keySet());
        assertTrue(uses.containsKey("io.inteli.proxy.registry"), "compiled classes found: " + uses.keySet());
        assertEquals(List.of(), cycles(uses), "package cycles (each a strongly connected group)");
    }

    @Test
    void findsACycleWhenThereIsOne() {
        Map<String, Set<String>> uses = new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"),
                                                             "d", Set.of("a")));
        assertEquals(List.of(List.of("a", "b", "c")), cycles(uses));
    }

    @Test
    void membershipConsumersDoNotDependOnTheControlPlane() throws IOException {
        Map<String, Set<String>> uses = dependencies(CLASSES, CORE_CLASSES);
        assertTrue(uses.get("io.inteli.proxy.admin").contains("io.inteli.proxy.registry"), "admin uses the registry");
        for (String consumer : List.of("admin", "health", "dashboard", "registry")) {
            Set<String> used = uses.getOrDefault("io.inteli.proxy." + consumer, Set.of());
            assertTrue(!used.contains("io.inteli.proxy.control"), consumer + " uses control: " + used);
        }
    }

    @Test
    void theProtocolStateMachineAndTheEndpointUseNoHelidonType() throws IOException {
        // portable to any Jakarta EE runtime: only the wiring around them (ControlUpgrader, ...) knows Helidon
        for (String name : List.of("AgentProtocol", "RegistryEndpoint", "PeerAddress")) {
            String path = "io/inteli/proxy/control/" + name + ".class";
            Path file = Files.exists(CORE_CLASSES.resolve(path)) ? CORE_CLASSES.resolve(path) : CLASSES.resolve(path);
            List<String> helidon = utf8Constants(file).stream().filter(t -> t.contains("io/helidon")).toList();
            assertEquals(List.of(), helidon, name + " refers to Helidon");
        }
    }

    @Test
    void everyPackageLivesInOneModule() throws IOException {
        Set<String> split = new TreeSet<>(dependencies(CORE_CLASSES).keySet());
        split.retainAll(dependencies(CLASSES).keySet());
        assertEquals(Set.of(), split, "packages with classes in both core and the Helidon runtime");
    }

    /**
     * The rule "the core never imports a runtime": no class of the core (main or test) names a Helidon or Jersey type
     * or a package of this runtime module, so it compiles and runs on any Jakarta EE / MicroProfile runtime.
     */
    @Test
    void theCoreRefersToNoRuntime() throws IOException {
        Set<String> runtimePackages = dependencies(CLASSES).keySet();
        assertTrue(runtimePackages.contains("io.inteli.proxy.dataplane"), "runtime packages: " + runtimePackages);
        List<String> problems = new ArrayList<>();
        for (Path root : List.of(CORE_CLASSES, CORE_TEST_CLASSES)) {
            for (Path file : classFiles(root)) {
                for (String text : utf8Constants(file)) {
                    RUNTIME_TYPES.stream().filter(text::contains).findFirst()
                            .ifPresent(t -> problems.add(root.relativize(file) + " refers to " + text));
                }
            }
        }
        Map<String, Set<String>> coreUses = dependencies(CORE_CLASSES, CORE_TEST_CLASSES);
        assertTrue(coreUses.containsKey("io.inteli.proxy.registry"), "core packages: " + coreUses.keySet());
        coreUses.forEach((pkg, used) -> used.stream().filter(runtimePackages::contains)
                .forEach(u -> problems.add(pkg + " (core) uses " + u + " (Helidon runtime)")));
        assertEquals(List.of(), problems);
    }

    @Test
    void findsARuntimeReferenceWhenThereIsOne() throws IOException {
        // the scan above must see a runtime type where there is one: the runtime's start-up names Helidon
        List<String> texts = utf8Constants(CLASSES.resolve("io/inteli/proxy/startup/Startup.class"));
        assertTrue(texts.stream().anyMatch(t -> t.contains("io/helidon/")), "Startup refers to Helidon");
    }

    private static List<Path> classFiles(Path root) throws IOException {
        Path top = root.resolve("io/inteli/proxy");
        if (!Files.isDirectory(top)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(top)) {
            return files.filter(p -> p.toString().endsWith(".class")).toList();
        }
    }

    /** Package to the other packages of the proxy its classes (under the given roots) name. */
    private static Map<String, Set<String>> dependencies(Path... roots) throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path root : roots) {
            for (Path file : classFiles(root)) {
                String from = root.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> to = uses.computeIfAbsent(from, k -> new TreeSet<>());
                for (String text : utf8Constants(file)) {
                    Matcher m = REFERENCE.matcher(text);
                    while (m.find()) {
                        String pkg = "io.inteli.proxy." + m.group(1).replace('/', '.');
                        if (!pkg.equals(from)) {
                            to.add(pkg);
                        }
                    }
                }
            }
        }
        return uses;
    }

    /** The UTF-8 entries of a class file's constant pool (JVMS 4.4), where every referenced class name is. */
    private static List<String> utf8Constants(Path classFile) throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(classFile); DataInputStream in = new DataInputStream(raw)) {
            in.readInt(); // magic
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                case 1 -> texts.add(in.readUTF());
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // takes two entries
                }
                default -> throw new IOException(classFile + ": unknown constant pool tag " + tag);
                }
            }
        }
        return texts;
    }

    /** Groups of two or more packages that reach one another (Tarjan's strongly connected components). */
    static List<List<String>> cycles(Map<String, Set<String>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> found = new ArrayList<>();
        int[] next = {0};
        for (String pkg : uses.keySet()) {
            if (!index.containsKey(pkg)) {
                connect(pkg, uses, index, low, stack, onStack, found, next);
            }
        }
        return found;
    }

    private static void connect(String pkg, Map<String, Set<String>> uses, Map<String, Integer> index,
                                Map<String, Integer> low, Deque<String> stack, Set<String> onStack,
                                List<List<String>> found, int[] next) {
        index.put(pkg, next[0]);
        low.put(pkg, next[0]);
        next[0]++;
        stack.push(pkg);
        onStack.add(pkg);
        for (String used : uses.getOrDefault(pkg, Set.of())) {
            if (!index.containsKey(used)) {
                connect(used, uses, index, low, stack, onStack, found, next);
                low.put(pkg, Math.min(low.get(pkg), low.get(used)));
            } else if (onStack.contains(used)) {
                low.put(pkg, Math.min(low.get(pkg), index.get(used)));
            }
        }
        if (low.get(pkg).equals(index.get(pkg))) {
            List<String> group = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                group.add(member);
            } while (!member.equals(pkg));
            if (group.size() > 1) {
                group.sort(null);
                found.add(group);
            }
        }
    }
}
