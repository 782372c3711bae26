package io.inteli.proxy.admin;

import java.nio.file.Path;
import java.util.Optional;

import io.inteli.protocol.Hmac;

/**
 * The bearer token of the admin API: {@code inteli.admin.token}, or else one generated into the state directory.
 *
 * @param file where the generated token is kept; empty when it is configured
 */
public record AdminToken(String value, Optional<Path> file) {
    public static final String KEY = "inteli.admin.token";
    public static final String FILE = "admin-token";

    /** Constant time: how long the comparison takes tells nothing about how much of the guess was right. */
    public boolean matches(String candidate) {
        return Hmac.sameText(value, candidate);
    }
}
