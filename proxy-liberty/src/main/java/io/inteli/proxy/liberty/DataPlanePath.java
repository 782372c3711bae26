package io.inteli.proxy.liberty;

/**
 * Where the core's data-plane JAX-RS application is mounted (WEB-INF/web.xml): under a path of its own, which only
 * {@link PlaneFilter} reaches, by a forward to one fixed target ({@link #TARGET}); the client's path and query go to
 * the front door as request attributes, exactly as sent. The control plane's
 * application is at the root, so its resources never answer a data-plane request whose path happens to be theirs.
 */
final class DataPlanePath {
    static final String PREFIX = "/.inteli-data-plane";
    /** Every data-plane request is forwarded here (the catch-all resource matches it). */
    static final String TARGET = PREFIX + "/";

    private DataPlanePath() {
    }
}
