package io.inteli.agent;

/** Whether the application says it is ready for traffic. */
interface ReadinessProbe {
    ReadinessProbe ALWAYS_READY = () -> true;

    boolean ready();
}
