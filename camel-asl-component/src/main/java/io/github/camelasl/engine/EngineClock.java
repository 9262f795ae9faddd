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

    /**
     * The engine waits for {@code what} (a Task's endpoint) to answer, perhaps on a thread it does not own (an
     * asynchronous endpoint's): it runs the returned {@code Runnable} once the answer has been handled, and the work
     * that followed from it on that thread. A virtual clock counts the wait as work in progress, so that time does
     * not jump past a reply that is on its way.
     *
     * @return what to run then; null (the default) when the clock does not count replies
     */
    default Runnable inflight(String what) {
        return null;
    }

    /** {@link System#currentTimeMillis()}, the component's timers, and the pools as they are. */
    static EngineClock system() {
        return SystemClock.INSTANCE;
    }
}
