package io.inteli.proxy.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.inteli.testsupport.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A misspelled key is reported once, naming the closest known key; the proxy starts anyway. */
class UnknownKeyWarningIT {
    @TempDir
    Path tmp;

    @Test
    void eachUnknownKeyIsOneWarningNamingTheClosestKnownKey() throws Exception {
        Path jar = Path.of(System.getProperty("inteli.jar", "target/inteli-proxy.jar"));
        try (JavaProcess process = JavaProcess.builder("proxy", tmp)
                .jar(jar, List.of("-Xmx96m", "-Dserver.host=127.0.0.1", "-Dserver.port=0",
                                  "-Dinteli.control.host=127.0.0.1", "-Dinteli.control.port=0",
                                  "-Dinteli.state-dir=" + tmp.resolve("state"), "-Dinteli.lb.stratgy=random",
                                  "-Dother.namespace.key=1"), Map.of())
                .environment(Map.of("INTELI_REGISTRY_PING_INTERVL", "5s",
                                    "INTELI_HEAP", "64m")) // a launcher's variable, not a key
                .stopGrace(Duration.ofSeconds(20)).start()) {
            process.awaitLog("Server started on", Duration.ofSeconds(90));
            List<String> warnings = process.output().lines().filter(l -> l.contains("unknown key"))
                    .map(l -> l.substring(l.indexOf("WARNING"))).toList();
            assertEquals(List.of(
                    "WARNING io.inteli.proxy.startup.Startup: INTELI_REGISTRY_PING_INTERVL: unknown key (environment "
                            + "variable); did you mean INTELI_REGISTRY_PING_INTERVAL (inteli.registry.ping-interval)?",
                    "WARNING io.inteli.proxy.startup.Startup: inteli.lb.stratgy: unknown key; did you mean "
                            + "inteli.lb.strategy?"), warnings, process.output());
            assertTrue(process.alive());
        }
    }
}
