package io.inteli.proxy.tls;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Looks at a keystore file at a fixed interval and hands its new key material on when the file changed (its
 * modification time, size or identity: a replacement by rename, as certificate tools and Kubernetes secrets do it,
 * changes the identity even within one clock tick). A periodic look rather than a file-system watch: it follows
 * symbolic links, sees a file replaced in a directory of its own, and costs one stat per interval.
 * A file that cannot be read (half written, wrong password) is reported and retried at its next change; the socket
 * keeps its current certificate meanwhile.
 */
final class KeystoreWatcher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KeystoreWatcher.class.getName());

    private final Path file;
    private final char[] password;
    private final Consumer<KeyMaterial> onChange;
    // a platform thread: a saturated virtual-thread scheduler starts new virtual threads late (docs/helidon-notes.md)
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inteli-data-plane-keystore-watch");
        t.setDaemon(true);
        return t;
    });
    private Stamp seen;

    KeystoreWatcher(Path file, char[] password, Consumer<KeyMaterial> onChange) {
        this.file = file;
        this.password = password;
        this.onChange = onChange;
        this.seen = Stamp.of(file);
    }

    void start(Duration interval) {
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One look at the file; runs on the timer thread only. */
    void check() {
        Stamp now = Stamp.of(file);
        if (now == null || now.equals(seen)) {
            return;
        }
        seen = now;
        try {
            KeyMaterial material = KeyMaterial.read(file, password);
            onChange.accept(material);
            LOG.log(Level.INFO, "data plane certificate reloaded from {0}, SHA-256 fingerprint: {1}", file,
                    material.fingerprint());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.WARNING, "data plane keystore {0} changed but cannot be used, keeping the current "
                    + "certificate: {1}", file, e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private record Stamp(FileTime modified, long size, Object identity) {
        /** Null while the file is missing (between a delete and a create). */
        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime(), a.size(), Objects.requireNonNullElse(a.fileKey(), ""));
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot look at data plane keystore {0}: {1}", file, e.toString());
                return null;
            }
        }
    }
}
