package io.inteli.proxy.control;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuthThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AuthThrottle throttle = new AuthThrottle(Duration.ofSeconds(2), now::get);

    @Test
    void doublesTheDelayFrom100msAndCapsIt() {
        assertEquals(0, millis("10.0.0.1"));
        long[] expected = {100, 200, 400, 800, 1600, 2000, 2000};
        for (long delay : expected) {
            throttle.failed("10.0.0.1");
            assertEquals(delay, millis("10.0.0.1"));
        }
        for (int i = 0; i < 1000; i++) {
            throttle.failed("10.0.0.1");
        }
        assertEquals(2000, millis("10.0.0.1"), "no overflow after many failures");
        assertEquals(0, millis("10.0.0.2"), "other addresses are not slowed");
    }

    @Test
    void aSuccessOrTenQuietMinutesForgetAnAddress() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        throttle.succeeded("10.0.0.1");
        assertEquals(0, millis("10.0.0.1"));

        throttle.failed("10.0.0.1");
        now.addAndGet(TimeUnit.MINUTES.toNanos(10) + 1);
        assertEquals(0, millis("10.0.0.1"));
        assertEquals(1, throttle.failed("10.0.0.1"), "counting starts again");
    }

    @Test
    void aZeroCapTurnsTheDelayOff() {
        AuthThrottle off = new AuthThrottle(Duration.ZERO, now::get);
        off.failed("10.0.0.1");
        assertEquals(0, off.delayNanos("10.0.0.1"));
    }

    private long millis(String address) {
        return TimeUnit.NANOSECONDS.toMillis(throttle.delayNanos(address));
    }
}
