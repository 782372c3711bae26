package io.inteli.proxy.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The control plane's timed work: challenges after a delay, auth and drain timeouts, pings.
 * <p>
 * Timer work can block on a socket write, so the timer thread only triggers it. It runs on platform threads, not
 * virtual ones: with the data plane saturating the virtual-thread scheduler, a newly started virtual thread can
 * wait for seconds (measured: up to 14 s with one CPU), while the threads already reading the agents' sockets keep
 * running. Pings sent late made agents look dead and removed every backend of a busy proxy; a platform thread is
 * scheduled by the OS and sends them on time.
 */
final class RegistryTimers {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("inteli-registry-timer").factory());
    private final ExecutorService executor = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("inteli-registry-work-", 0).factory());

    Future<?> schedule(Runnable task, long delayNanos) {
        try {
            return timers.schedule(() -> executor.execute(task), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down: the sockets are being closed anyway
            return CompletableFuture.completedFuture(null);
        }
    }

    Future<?> scheduleRepeating(Runnable task, long periodNanos) {
        try {
            return timers.scheduleAtFixedRate(() -> executor.execute(task), periodNanos, periodNanos,
                                              TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(null);
        }
    }

    ExecutorService executor() {
        return executor;
    }

    void shutdown() {
        timers.shutdownNow();
        executor.shutdown();
    }
}
