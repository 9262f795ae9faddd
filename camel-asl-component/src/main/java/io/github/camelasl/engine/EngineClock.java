package io.github.camelasl.engine;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one clock an execution reads and schedules on: history timestamps, {@code $$.Execution.StartTime} and
 * {@code $$.State.EnteredTime}, Wait {@code Seconds} and {@code Timestamp}, Retry back-offs, TimeoutSeconds,
 * HeartbeatSeconds and the execution's own timeout, JSONata {@code $now()}. The system clock is the default; a
 * test gives a {@link VirtualClock}, and both run the same engine code.
 */
public interface EngineClock {

    /** Now, in epoch milliseconds (AWS's precision). */
    long millis();

    default Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    /**
     * Where Waits, retry back-offs, TimeoutSeconds, HeartbeatSeconds and every other engine timer go; null (the
     * default) for the component's own timer pool.
     */
    default ScheduledExecutorService scheduler() {
        return null;
    }

    /**
     * The engine hands each pool its work runs on through this (workers, Map and Parallel pools, task-timeout
     * workers) and runs its work on what it returns: a virtual clock wraps it to know when the engine is idle.
     */
    default ExecutorService observe(ExecutorService pool) {
        return pool;
    }

    /** {@link System#currentTimeMillis()}, the component's timers, and the pools as they are. */
    static EngineClock system() {
        return SystemClock.INSTANCE;
    }
}
