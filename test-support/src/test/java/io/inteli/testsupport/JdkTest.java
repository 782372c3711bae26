package io.inteli.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JDK is chosen as bin/java-env chooses it (JAVA_HOME if 21+, else the newest 21+ in the JVM folder). */
class JdkTest {
    @TempDir
    Path jvms;

    @Test
    void javaHomeWinsWhenItIs21OrNewer() throws IOException {
        Path jdk21 = jdk("jdk-21", "21.0.4");
        jdk("jdk-25", "25.0.1");
        assertEquals(jdk21, Jdk.find(jdk21.toString(), jvms.toString(), Path.of("/fallback")));
    }

    @Test
    void anOlderJavaHomeGivesWayToTheNewestJdkOfAtLeast21InTheFolder() throws IOException {
        Path jdk17 = jdk("jdk-17", "17.0.15");
        jdk("jdk-21", "21.0.4");
        Path jdk25 = jdk("jdk-25", "25");
        jdk("jdk-8", "1.8.0_402");
        assertEquals(jdk25, Jdk.find(jdk17.toString(), jvms.toString(), Path.of("/fallback")));
        assertEquals(jdk25, Jdk.find(null, jvms.toString(), Path.of("/fallback")));
    }

    @Test
    void aRuntimeWithoutJavacOrOlderJdksOnlyLeaveTheFallback() throws IOException {
        jdk("jdk-17", "17.0.15");
        Path jre = jdk("jre-25", "25.0.1");
        Files.delete(jre.resolve("bin/javac"));
        assertEquals(Path.of("/fallback"), Jdk.find(null, jvms.toString(), Path.of("/fallback")));
        assertEquals(Path.of("/fallback"), Jdk.find(null, jvms.resolve("missing").toString(), Path.of("/fallback")));
    }

    private Path jdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(jvms.resolve(name).resolve("bin")).getParent();
        for (String tool : new String[] {"java", "javac"}) {
            Files.writeString(home.resolve("bin").resolve(tool), "#!/bin/sh\n");
            Files.setPosixFilePermissions(home.resolve("bin").resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        return home;
    }
}
