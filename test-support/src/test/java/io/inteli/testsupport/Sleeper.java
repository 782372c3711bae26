package io.inteli.testsupport;

/** For {@link JavaProcessTest}: says it runs, says so again from its shutdown hook, then waits to be stopped. */
public final class Sleeper {
    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
        System.out.println("running " + String.join(" ", args) + " " + System.getProperty("sleeper.colour"));
        System.err.println("to stderr");
        System.out.flush();
        if (args.length > 0 && args[0].equals("ignore-sigterm")) {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> System.out.println("SIGTERM ignored"));
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
