package io.inteli.proxy.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.inteli.protocol.Signatures;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.config.SharedKeys;
import io.inteli.proxy.config.StateDirectory;

/**
 * The shared secrets agents sign with: {@code inteli.secret} (a comma list during a rotation), or else one
 * generated into the state directory.
 *
 * @param file where the generated secret is kept; empty when the secrets are configured (and never logged)
 */
public record AgentSecrets(List<String> secrets, Optional<Path> file) {
    public static final Key KEY = SharedKeys.SECRET;
    public static final String FILE = "agent-secret";

    public AgentSecrets {
        secrets = List.copyOf(secrets);
    }

    public static AgentSecrets from(ConfigValues config, StateDirectory state) throws IOException {
        Optional<List<String>> configured = configured(config);
        if (configured.isEmpty()) {
            String kept = state.readOrGenerate(FILE);
            if (kept.length() < Signatures.MIN_SECRET_LENGTH) {
                // an edited or truncated file: every agent would refuse a secret this short
                throw new InvalidConfigurationException(SharedKeys.STATE_DIR.name(), state.resolve(FILE) + " holds a secret of "
                        + kept.length() + " characters; at least " + Signatures.MIN_SECRET_LENGTH + " are needed"
                        + " (delete the file to generate one, or set " + KEY + ")");
            }
            return new AgentSecrets(List.of(kept), Optional.of(state.resolve(FILE)));
        }
        return new AgentSecrets(configured.get(), Optional.empty());
    }

    /** The configured secrets, each long enough; empty when none is configured. */
    public static Optional<List<String>> configured(ConfigValues config) {
        Optional<List<String>> configured = SharedKeys.secrets(config);
        configured.ifPresent(secrets -> {
            for (int i = 0; i < secrets.size(); i++) {
                if (secrets.get(i).length() < Signatures.MIN_SECRET_LENGTH) {
                    // the secret itself stays out of the message: it may be a real one with a typo
                    throw new InvalidConfigurationException(KEY.name(), "secret #" + (i + 1) + " of " + secrets.size()
                            + " is " + secrets.get(i).length() + " characters long; at least "
                            + Signatures.MIN_SECRET_LENGTH + " are needed");
                }
            }
        });
        return configured;
    }

    public boolean verify(String nonce, String agentId, String signature) {
        return Signatures.verify(secrets, nonce, agentId, signature);
    }
}
