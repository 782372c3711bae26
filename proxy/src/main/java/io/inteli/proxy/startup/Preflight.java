package io.inteli.proxy.startup;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;

import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.config.SharedKeys;
import io.inteli.proxy.controlport.ControlPlaneSetup;
import io.inteli.proxy.controlport.ControlTls;
import io.inteli.proxy.tls.DataPlaneTlsSettings;

/**
 * What start-up needs from the machine, checked before the container starts so that a failure is one line naming
 * the key, not a stack trace from deep inside it: the state directory can be written, the configured keystores can
 * be read, the ports are free.
 */
final class Preflight {
    private Preflight() {
    }

    static void check(ConfigValues config) {
        stateDir(SharedKeys.stateDir(config));
        if (config.bool(ControlPlaneSetup.TLS_ENABLED)) {
            keystore(config, ControlTls.KEYSTORE, ControlTls.PASSWORD);
        }
        if (config.bool(DataPlaneTlsSettings.ENABLED)) {
            keystore(config, DataPlaneTlsSettings.KEYSTORE, DataPlaneTlsSettings.PASSWORD);
        }
        String dataHost = config.string("server.host").orElse("0.0.0.0");
        int dataPort = config.intInRange("server.port", 8080, 0, 65535);
        String controlHost = config.string(ControlPlaneSetup.HOST).orElseThrow();
        int controlPort = config.intInRange(ControlPlaneSetup.PORT, 0, 65535);
        if (dataPort != 0 && dataPort == controlPort) {
            throw new StartupFailure("the data plane and the control plane cannot both listen on port " + dataPort
                    + ": set " + ControlPlaneSetup.PORT);
        }
        port(dataHost, dataPort, "server.host", "server.port");
        port(controlHost, controlPort, ControlPlaneSetup.HOST.name(), ControlPlaneSetup.PORT.name());
    }

    private static void keystore(ConfigValues config, Key file, Key password) {
        config.string(file).ifPresent(path -> keystore(path, config.string(password).orElseThrow(), file.name(),
                                                       password.name()));
    }

    /** Missing: created owner-only, as the control plane would. Existing: a file can be made in it. */
    static void stateDir(Path dir) {
        Path abs = dir.toAbsolutePath();
        try {
            if (Files.isDirectory(abs)) {
                Path probe = Files.createTempFile(abs, ".inteli-probe", ".tmp");
                Files.delete(probe);
            } else {
                Files.createDirectories(abs);
                try {
                    Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system: its default permissions apply
                }
            }
        } catch (IOException | RuntimeException e) {
            throw StartupFailure.of("cannot " + (Files.isDirectory(abs) ? "write to" : "create")
                    + " the state directory " + abs, e, SharedKeys.STATE_DIR.name());
        }
    }

    static void keystore(String file, String password, String key, String passwordKey) {
        Path path = Path.of(file).toAbsolutePath();
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore.getInstance("PKCS12").load(in, password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            boolean wrongPassword = e.getCause() instanceof UnrecoverableKeyException
                    || e instanceof UnrecoverableKeyException;
            if (wrongPassword) {
                // the JDK's words vary ("integrity check failed", "failed to decrypt safe contents entry", ...)
                throw new StartupFailure("cannot open the keystore " + path + " (wrong password): set " + passwordKey,
                                         e);
            }
            if (e instanceof IOException && !(e instanceof java.nio.file.FileSystemException)) {
                // the file is there but is not a keystore: the JDK's words alone ("tag type 114") would not say so
                throw new StartupFailure("cannot read the keystore " + path + " (not a PKCS#12 or JKS keystore: "
                        + StartupFailure.describe(e) + "): set " + key, e);
            }
            throw StartupFailure.of("cannot read the keystore " + path, e, key);
        }
    }

    /** Binds and closes at once: Helidon binds the same way right after (address reuse on, as here). */
    static void port(String host, int port, String hostKey, String portKey) {
        if (port == 0) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new StartupFailure("cannot listen on " + host + ":" + port + " (unknown host): set " + hostKey);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException e) {
            String cause = StartupFailure.describe(e);
            boolean hostProblem = cause.contains("assign requested address");
            throw new StartupFailure("cannot listen on " + host + ":" + port + " (" + cause + "): set "
                    + (hostProblem ? hostKey : portKey), e);
        }
    }
}
