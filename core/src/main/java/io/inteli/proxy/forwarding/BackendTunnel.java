package io.inteli.proxy.forwarding;

import java.io.InputStream;
import java.io.OutputStream;

import io.inteli.proxy.registry.Backend;

/**
 * A backend connection after its 101: bytes from it until it closes (reads are not timed), bytes to it (flush after
 * each write). Closing the {@link ClientResponse} that carries it closes the connection and ends the exchange: the
 * backend's in-flight slot is held until then.
 */
public record BackendTunnel(Backend backend, InputStream fromBackend, OutputStream toBackend) {
}
