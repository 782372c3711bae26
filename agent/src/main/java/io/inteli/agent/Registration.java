package io.inteli.agent;

import java.util.concurrent.CompletableFuture;

/** This backend's registration with one proxy ({@link ProxyLink}) or with every address of a name ({@link DnsFleet}). */
interface Registration {
    /** Starts registering in the background. */
    void begin();

    /** Tells the proxies the backend's readiness, if it changed. */
    void readinessChanged(boolean ready);

    /** Deregisters; completes when the proxies drained the backend (answered {@code stopped}) or are gone. */
    CompletableFuture<Void> stop();

    /** After the drain timeout: stop waiting, close what is open. */
    void abandon();
}
