package io.inteli.proxy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the browser test needs besides Java: Node.js, npm's playwright-core in e2e-browser/node_modules, and
 * Chromium. playwright-core is installed here when missing (so that any Maven command that runs the ITs works on a
 * fresh clone, not only bin/test); anything else missing fails the test with one line saying how to install it.
 */
final class BrowserPrerequisites {
    private BrowserPrerequisites() {
    }

    static void ensure(Path root) throws Exception {
        if (!runs(List.of("node", "--version"))) {
            fail("install Node.js: apt-get install nodejs npm");
        }
        Path browserDir = root.resolve("e2e-browser");
        if (!Files.isRegularFile(browserDir.resolve("node_modules/playwright-core/package.json"))) {
            Path log = Files.createTempFile("inteli-npm-ci", ".log");
            List<String> npm = List.of("npm", "ci", "--prefix", browserDir.toString(), "--no-audit", "--no-fund");
            if (!runs(npm, log)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                fail("install playwright-core: npm ci --prefix e2e-browser (it failed here: "
                     + (lines.isEmpty() ? "npm not found" : lines.getLast()) + ")");
            }
        }
        String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
        if (!Files.isExecutable(Path.of(chromium))) {
            fail("install chromium: apt-get install chromium (or set CHROMIUM to a Chromium binary)");
        }
    }

    private static boolean runs(List<String> command) {
        try {
            return runs(command, Files.createTempFile("inteli-prerequisite", ".log"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean runs(List<String> command, Path log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
