package io.inteli.proxy.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A misspelled key is reported once, naming the closest known key; the proxy starts anyway. */
class UnknownKeyWarningIT {
    @TempDir
    Path tmp;

    @Test
    void eachUnknownKeyIsOneWarningNamingTheClosestKnownKey() throws Exception {
        Path jar = Path.of(System.getProperty("inteli.jar", "target/inteli-proxy.jar"));
        Path out = tmp.resolve("stdout.log");
        ProcessBuilder builder = new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx96m",
                "-Dserver.host=127.0.0.1", "-Dserver.port=0", "-Dinteli.control.host=127.0.0.1",
                "-Dinteli.control.port=0", "-Dinteli.state-dir=" + tmp.resolve("state"),
                "-Dinteli.lb.stratgy=random", "-Dother.namespace.key=1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("INTELI_REGISTRY_PING_INTERVL", "5s");
        builder.environment().put("INTELI_HEAP", "64m"); // a launcher's variable, not a key
        Process process = builder.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(out).contains("Server started on")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    fail("the proxy did not start:\n" + Files.readString(out));
                }
                Thread.sleep(100);
            }
            List<String> warnings = Files.readString(out).lines().filter(l -> l.contains("unknown key"))
                    .map(l -> l.substring(l.indexOf("WARNING"))).toList();
            assertEquals(List.of(
                    "WARNING io.inteli.proxy.startup.Startup: INTELI_REGISTRY_PING_INTERVL: unknown key (environment "
                            + "variable); did you mean INTELI_REGISTRY_PING_INTERVAL (inteli.registry.ping-interval)?",
                    "WARNING io.inteli.proxy.startup.Startup: inteli.lb.stratgy: unknown key; did you mean "
                            + "inteli.lb.strategy?"), warnings, Files.readString(out));
            assertTrue(process.isAlive());
        } finally {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
