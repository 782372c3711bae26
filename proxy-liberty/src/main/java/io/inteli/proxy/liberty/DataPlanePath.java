package io.inteli.proxy.liberty;

/**
 * Where the core's data-plane JAX-RS application is mounted (WEB-INF/web.xml): under a path of its own, which only
 * {@link PlaneFilter} reaches, by a forward that keeps the client's path for the front door. The control plane's
 * application is at the root, so its resources never answer a data-plane request whose path happens to be theirs.
 */
final class DataPlanePath {
    static final String PREFIX = "/.inteli-data-plane";

    private DataPlanePath() {
    }
}
