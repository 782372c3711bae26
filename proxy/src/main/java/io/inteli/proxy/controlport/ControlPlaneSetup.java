package io.inteli.proxy.controlport;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;

import io.inteli.proxy.admin.AdminToken;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.config.SharedKeys;
import io.inteli.proxy.config.StateDirectory;
import io.inteli.proxy.control.AgentSecrets;
import io.inteli.proxy.control.RegistrySettings;

/**
 * Everything the control plane needs before the server starts, read and checked in one place: a bad value stops
 * start-up before any socket is bound. What is generated (certificate, secret, token) is kept in the state
 * directory, so a restart finds the same values.
 */
public record ControlPlaneSetup(Path stateDir, int controlPort, Optional<ControlTls> tls, AgentSecrets secrets,
                                AdminToken adminToken, RegistrySettings registry) {
    public static final Key PORT = Key.of("inteli.control.port", "9443");
    public static final Key HOST = Key.of("inteli.control.host", "0.0.0.0");
    public static final Key TLS_ENABLED = Key.of("inteli.control.tls.enabled", "true");
    public static final List<Key> KEYS = List.of(PORT, HOST, TLS_ENABLED, ControlTls.KEYSTORE, ControlTls.PASSWORD);

    /**
     * Checks the control plane's values without touching the disk (the start-up's early check runs it too).
     *
     * @throws InvalidConfigurationException naming the first key with a bad value
     */
    public static RegistrySettings check(ConfigValues config) {
        config.intInRange(PORT, 0, 65535);
        config.bool(TLS_ENABLED);
        RegistrySettings registry = RegistrySettings.from(config);
        AdminToken.configured(config);
        AgentSecrets.configured(config);
        return registry;
    }

    public static ControlPlaneSetup prepare(ConfigValues config) throws IOException, GeneralSecurityException {
        // checked first: they cost nothing and must fail before anything is written to disk
        RegistrySettings registry = check(config);
        int controlPort = config.intInRange(PORT, 0, 65535);

        StateDirectory state;
        try {
            state = new StateDirectory(SharedKeys.stateDir(config));
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigurationException(SharedKeys.STATE_DIR.name(), "cannot create or use it: " + e, e);
        }
        AgentSecrets secrets;
        AdminToken adminToken;
        try {
            secrets = AgentSecrets.from(config, state);
            adminToken = AdminToken.from(config, state);
        } catch (IOException e) {
            // a file of the state directory that cannot be read or written (a directory in its place, ...)
            throw new InvalidConfigurationException(SharedKeys.STATE_DIR.name(), e.getMessage(), e);
        }
        Optional<ControlTls> tls = ControlTls.from(config, state);
        return new ControlPlaneSetup(state.path(), controlPort, tls, secrets, adminToken, registry);
    }
}
