package io.inteli.proxy.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.helidon.microprofile.testing.junit5.AddConfig;
import io.helidon.microprofile.testing.junit5.Configuration;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import io.inteli.protocol.Message;
import io.inteli.protocol.Signatures;
import io.inteli.proxy.testsupport.ControlPlaneClient;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed authentications slow their address down (a growing wait before its next challenge, at most
 * {@code auth-delay-max}) but never lock it out: after 5, 50 or 500 failures a correct signature is accepted within
 * the capped delay. Each round ends with a success, which forgets the address's failures.
 */
@HelidonTest
@Configuration(configSources = "in-process-proxy.properties")
@AddConfig(key = "inteli.state-dir", value = "target/test-state/delay")
@AddConfig(key = "inteli.secret", value = RawAgent.SECRET)
@AddConfig(key = "inteli.registry.auth-delay-max", value = "2s")
@AddConfig(key = "inteli.registry.auth-timeout", value = "30s")
class AuthDelayTest {
    private static final long CAP_MILLIS = 2000;
    // what a loaded machine may add to the capped wait (TLS handshake, scheduling); far below a second cap
    private static final long MARGIN_MILLIS = 1500;

    @Inject
    MetricRegistry metrics;

    @Test
    void acceptsACorrectSignatureAfterFiveFailuresWithinTheDelayOfTheFifth() throws Exception {
        int port = ControlPlaneClient.controlPort();
        long failedBefore = failedCount();
        for (int i = 0; i < 5; i++) {
            failOnce(port, null);
        }
        assertEquals(failedBefore + 5, failedCount(), "every failure is counted in the metric");
        // 100 ms doubled four times
        long millis = authenticateTimed(port, "delay-5");
        assertTrue(millis >= 1600 - 100, "the fifth failure delays the next challenge by 1.6 s, took " + millis);
        assertTrue(millis < 1600 + MARGIN_MILLIS, "accepted in " + millis + " ms");
        // the success forgot the failures
        assertTrue(authenticateTimed(port, "delay-5b") < MARGIN_MILLIS);
    }

    @Test
    void acceptsACorrectSignatureAfter50FailuresWithinTheCappedDelay() throws Exception {
        failManyThenAuthenticate(50);
    }

    @Test
    void acceptsACorrectSignatureAfter500FailuresWithinTheCappedDelay() throws Exception {
        failManyThenAuthenticate(500);
    }

    @Test
    void keysTheDelayOnThePeerAddressNotOnAHeaderTheClientSends() throws Exception {
        int port = ControlPlaneClient.controlPort();
        // a client that names another address in the header the proxy uses internally: removed, not believed
        for (int i = 0; i < 3; i++) {
            failOnce(port, "inteli-v1\r\n" + PeerAddress.HEADER + ": 10.9.9." + i);
        }
        long millis = authenticateTimed(port, "delay-spoof");
        assertTrue(millis >= 400 - 100, "the failures counted for 127.0.0.1: took " + millis + " ms");
    }

    private void failManyThenAuthenticate(int failures) throws Exception {
        int port = ControlPlaneClient.controlPort();
        long failedBefore = failedCount();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < failures; i++) {
                done.add(pool.submit(() -> {
                    failOnce(port, null);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(failedBefore + failures, failedCount(), "every failure is counted in the metric");
        long millis = authenticateTimed(port, "delay-" + failures);
        assertTrue(millis >= CAP_MILLIS - 100, "the delay reached its cap: took " + millis + " ms");
        assertTrue(millis < CAP_MILLIS + MARGIN_MILLIS, "accepted in " + millis + " ms, more than the cap");
    }

    private static long authenticateTimed(int port, String agentId) throws Exception {
        long start = System.nanoTime();
        try (RawAgent agent = RawAgent.connect(port)) {
            Message.Challenge challenge = agent.expect(Message.Challenge.class);
            agent.sendText(RawAgent.auth(agentId, Signatures.sign(RawAgent.SECRET, challenge.nonce(), agentId)));
            agent.expect(Message.Accepted.class);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static void failOnce(int port, String subprotocol) throws Exception {
        try (RawAgent agent = subprotocol == null ? RawAgent.connect(port) : RawAgent.connect(port, subprotocol)) {
            agent.expect(Message.Challenge.class);
            agent.sendText(RawAgent.auth("delay-x", "ab".repeat(32)));
            assertEquals(new RawAgent.Close(1008, "authentication failed"), agent.awaitClose());
        }
    }

    private long failedCount() {
        return metrics.counter(ControlPlane.FAILED_AUTHENTICATIONS_METRIC).getCount();
    }
}
