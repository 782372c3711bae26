package io.inteli.proxy.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code inteli.state-dir} (default {@code ~/.inteli}): what the proxy generates at first start and must find again
 * after a restart (the control-plane keystore, the agent secret, the admin token). Owner-only permissions.
 */
public final class StateDirectory {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path dir;

    public StateDirectory(Path dir) throws IOException {
        this.dir = dir.toAbsolutePath();
        if (!Files.isDirectory(this.dir)) {
            Files.createDirectories(this.dir);
            ownerOnly(this.dir);
        }
    }

    public Path path() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** The value kept in {@code name}, generated (48 random bytes, URL-safe base64) and stored on first use. */
    public String readOrGenerate(String name) throws IOException {
        Path file = dir.resolve(name);
        try {
            return readOrGenerate(file, name);
        } catch (IOException e) {
            // some of the JDK's messages name no file ("Is a directory")
            throw new IOException("cannot use " + file + ": " + e.getMessage(), e);
        }
    }

    private String readOrGenerate(Path file, String name) throws IOException {
        if (Files.exists(file)) {
            String value = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!value.isEmpty()) {
                return value;
            }
        }
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8);
        ownerOnly(tmp);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return value;
    }

    static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: its default permissions apply
        }
    }
}
