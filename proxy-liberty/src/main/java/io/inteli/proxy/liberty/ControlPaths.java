package io.inteli.proxy.liberty;

/** The paths the control plane serves from this WAR; health and metrics are Liberty's own applications. */
final class ControlPaths {
    static final String REGISTRY = "/registry";
    private static final String[] PREFIXES = {"/admin", "/dashboard"};

    private ControlPaths() {
    }

    static boolean served(String path) {
        for (String prefix : PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }
}
