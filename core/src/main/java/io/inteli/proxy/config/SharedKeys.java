package io.inteli.proxy.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The keys more than one package reads: where generated files are kept, and the agents' secret. */
public final class SharedKeys {
    /** Read by the control plane (certificate, secret, token), the data plane's TLS and the start-up check. */
    public static final Key STATE_DIR = Key.of("inteli.state-dir", "~/.inteli");
    /** Checked and used by the control plane; the balancer derives its sticky tokens' key from the first one. */
    public static final Key SECRET = Key.withoutDefault("inteli.secret");
    public static final List<Key> KEYS = List.of(STATE_DIR, SECRET);

    private SharedKeys() {
    }

    public static Path stateDir(ConfigValues config) {
        return Path.of(config.string(STATE_DIR.name()).orElse(System.getProperty("user.home") + "/.inteli"));
    }

    /** The configured secrets, trimmed, in order (a comma list during a rotation); unchecked. */
    public static Optional<List<String>> secrets(ConfigValues config) {
        return config.string(SECRET.name()).map(list -> java.util.Arrays.stream(list.split(",")).map(String::trim)
                .toList());
    }
}
