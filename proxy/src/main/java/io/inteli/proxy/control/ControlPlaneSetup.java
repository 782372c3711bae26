package io.inteli.proxy.control;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;

import io.inteli.proxy.admin.AdminToken;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.health.ReadinessPolicy;
import org.eclipse.microprofile.config.Config;

/**
 * Everything the control plane needs before the server starts, read and checked in one place: a bad value stops
 * start-up before any socket is bound. What is generated (certificate, secret, token) is kept in the state
 * directory, so a restart finds the same values.
 */
record ControlPlaneSetup(Path stateDir, int controlPort, Optional<ControlTls> tls, AgentSecrets secrets,
                         AdminToken adminToken, RegistrySettings registry, ReadinessPolicy readiness) {

    static ControlPlaneSetup prepare(Config mpConfig) throws IOException, GeneralSecurityException {
        ConfigValues config = new ConfigValues(mpConfig);
        // checked first: they cost nothing and must fail before anything is written to disk
        RegistrySettings registry = RegistrySettings.from(config);
        int controlPort = config.intInRange("inteli.control.port", 9443, 0, 65535);
        ReadinessPolicy readiness = new ReadinessPolicy(config.bool(ReadinessPolicy.KEY, false));
        Optional<String> token = config.string(AdminToken.KEY);
        if (token.isPresent() && token.get().chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidConfigurationException(AdminToken.KEY, "must not contain white space");
        }

        StateDirectory state;
        try {
            state = new StateDirectory(Path.of(config.string("inteli.state-dir")
                                                       .orElse(System.getProperty("user.home") + "/.inteli")));
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigurationException("inteli.state-dir", "cannot create or use it: " + e, e);
        }
        AgentSecrets secrets;
        AdminToken adminToken;
        try {
            secrets = AgentSecrets.from(config, state);
            adminToken = token.isPresent()
                    ? new AdminToken(token.get(), Optional.empty())
                    : new AdminToken(state.readOrGenerate(AdminToken.FILE),
                                     Optional.of(state.resolve(AdminToken.FILE)));
        } catch (IOException e) {
            // a file of the state directory that cannot be read or written (a directory in its place, ...)
            throw new InvalidConfigurationException("inteli.state-dir", e.getMessage(), e);
        }
        Optional<ControlTls> tls = ControlTls.from(config, state);
        return new ControlPlaneSetup(state.path(), controlPort, tls, secrets, adminToken, registry, readiness);
    }
}
