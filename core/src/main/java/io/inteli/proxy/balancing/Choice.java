package io.inteli.proxy.balancing;

import java.util.Optional;

import io.inteli.proxy.registry.Backend;

/**
 * @param stickyToken present when the client must get (or renew) the sticky cookie with this value
 */
public record Choice(Backend backend, Optional<String> stickyToken) {
}
