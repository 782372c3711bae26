package io.inteli.proxy.forwarding;

import io.helidon.common.parameters.Parameters;
import io.helidon.common.uri.UriPath;

/**
 * A request target (path, matrix parameters and query) that the WebClient writes exactly as given. Helidon's own
 * path and query types decode and re-encode (dropping ";params", turning "%41" into "A"), which would change what
 * the backend receives; with {@code skipUriEncoding} the client writes {@link #path()} as it is.
 */
final class RawTarget implements UriPath {
    private final String target;

    RawTarget(String target) {
        this.target = target;
    }

    @Override
    public String rawPath() {
        return target;
    }

    @Override
    public String rawPathNoParams() {
        return target;
    }

    @Override
    public String path() {
        return target;
    }

    @Override
    public Parameters matrixParameters() {
        return Parameters.empty("matrix");
    }

    @Override
    public UriPath absolute() {
        return this;
    }

    @Override
    public void validate() {
        // the server that received it validated it already
    }

    @Override
    public String toString() {
        return target;
    }
}
