package io.inteli.proxy.control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pings and timeouts must run on time when the data plane saturates the virtual-thread scheduler, or a busy proxy
 * removes healthy backends for "ping timeout" (seen on the benchmark). The saturation here is what the JDK's own
 * socket pollers do under load: virtual threads that keep waking one another on the same carrier, so the carrier
 * never looks at newly submitted work.
 */
class TimerWorkTest {

    @Test
    void timerWorkRunsWhileVirtualThreadsKeepEveryCarrierBusy() throws Exception {
        RegistryTimers hub = new RegistryTimers();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> busy = new ArrayList<>();
        int pairs = 4 * Runtime.getRuntime().availableProcessors();
        try {
            for (int i = 0; i < pairs; i++) {
                busy.addAll(wakingPair(stop));
            }
            CountDownLatch ran = new CountDownLatch(1);
            hub.schedule(ran::countDown, 0);
            assertTrue(ran.await(3, TimeUnit.SECONDS), "timer work did not run within 3 s under load");
        } finally {
            stop.set(true);
            busy.forEach(LockSupport::unpark);
            for (Thread t : busy) {
                t.join(5_000);
            }
            hub.shutdown();
        }
    }

    /** Two virtual threads that hand the carrier to each other until stopped. */
    private static List<Thread> wakingPair(AtomicBoolean stop) {
        Thread[] pair = new Thread[2];
        CountDownLatch bothStarted = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            int me = i;
            pair[i] = Thread.ofVirtual().unstarted(() -> {
                bothStarted.countDown();
                try {
                    bothStarted.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (!stop.get()) {
                    LockSupport.unpark(pair[1 - me]);
                    LockSupport.park();
                }
                LockSupport.unpark(pair[1 - me]);
            });
        }
        pair[0].start();
        pair[1].start();
        return List.of(pair);
    }
}
