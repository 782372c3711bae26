package io.inteli.proxy.admin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import io.inteli.protocol.Hmac;
import io.inteli.proxy.config.ConfigValues;
import io.inteli.proxy.config.InvalidConfigurationException;
import io.inteli.proxy.config.Key;
import io.inteli.proxy.config.StateDirectory;

/**
 * The bearer token of the admin API: {@code inteli.admin.token}, or else one generated into the state directory.
 *
 * @param file where the generated token is kept; empty when it is configured
 */
public record AdminToken(String value, Optional<Path> file) {
    public static final Key KEY = Key.withoutDefault("inteli.admin.token");
    public static final String FILE = "admin-token";

    /**
     * The configured token, if any (else the control plane generates one into its state directory).
     *
     * @throws InvalidConfigurationException when it holds white space (a header could not carry it)
     */
    public static Optional<String> configured(ConfigValues config) {
        Optional<String> token = config.string(KEY.name());
        if (token.isPresent() && token.get().chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidConfigurationException(KEY.name(), "must not contain white space");
        }
        return token;
    }

    /**
     * The configured token, or else the one kept in the state directory (generated there the first time), so that a
     * restart finds the same token.
     *
     * @throws InvalidConfigurationException when the configured one holds white space
     * @throws IOException when the state directory's file cannot be read or written
     */
    public static AdminToken from(ConfigValues config, StateDirectory state) throws IOException {
        Optional<String> token = configured(config);
        if (token.isPresent()) {
            return new AdminToken(token.get(), Optional.empty());
        }
        return new AdminToken(state.readOrGenerate(FILE), Optional.of(state.resolve(FILE)));
    }

    /** Constant time: how long the comparison takes tells nothing about how much of the guess was right. */
    public boolean matches(String candidate) {
        return Hmac.sameText(value, candidate);
    }
}
