package io.inteli.proxy.control;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.inteli.protocol.Signatures;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;

/**
 * The shared secrets agents sign with: {@code inteli.secret} (a comma list during a rotation), or else one
 * generated into the state directory.
 *
 * @param file where the generated secret is kept; empty when the secrets are configured (and never logged)
 */
record AgentSecrets(List<String> secrets, Optional<Path> file) {
    static final String KEY = "inteli.secret";
    static final String FILE = "agent-secret";

    AgentSecrets {
        secrets = List.copyOf(secrets);
    }

    static AgentSecrets from(ConfigValues config, StateDirectory state) throws IOException {
        Optional<String> configured = config.string(KEY);
        if (configured.isEmpty()) {
            String kept = state.readOrGenerate(FILE);
            if (kept.length() < Signatures.MIN_SECRET_LENGTH) {
                // an edited or truncated file: every agent would refuse a secret this short
                throw new InvalidConfigurationException("inteli.state-dir", state.resolve(FILE) + " holds a secret of "
                        + kept.length() + " characters; at least " + Signatures.MIN_SECRET_LENGTH + " are needed"
                        + " (delete the file to generate one, or set " + KEY + ")");
            }
            return new AgentSecrets(List.of(kept), Optional.of(state.resolve(FILE)));
        }
        List<String> secrets = Arrays.stream(configured.get().split(",")).map(String::trim).toList();
        for (int i = 0; i < secrets.size(); i++) {
            if (secrets.get(i).length() < Signatures.MIN_SECRET_LENGTH) {
                // the secret itself stays out of the message: it may be a real one with a typo
                throw new InvalidConfigurationException(KEY, "secret #" + (i + 1) + " of " + secrets.size()
                        + " is " + secrets.get(i).length() + " characters long; at least "
                        + Signatures.MIN_SECRET_LENGTH + " are needed");
            }
        }
        return new AgentSecrets(secrets, Optional.empty());
    }

    boolean verify(String nonce, String agentId, String signature) {
        return Signatures.verify(secrets, nonce, agentId, signature);
    }
}
