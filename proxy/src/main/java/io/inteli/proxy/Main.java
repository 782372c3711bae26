package io.inteli.proxy;

/**
 * Starts the proxy: Helidon MP's container with this application's beans.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        io.helidon.Main.main(args);
    }
}
