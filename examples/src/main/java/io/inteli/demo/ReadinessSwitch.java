package io.inteli.demo;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether the demo says it is ready; {@code POST /ready/false} turns it off to show the agent reporting it. */
@ApplicationScoped
public class ReadinessSwitch {
    private final AtomicBoolean ready = new AtomicBoolean(true);

    boolean ready() {
        return ready.get();
    }

    void set(boolean value) {
        ready.set(value);
    }
}
