package io.github.camelasl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A delay a run waits out holding no thread (a Wait state in a Parallel branch or Map iteration, a retry's
 * back-off), which ends early when a Parallel or Map above the run gives up (a sibling failed): AWS stops the other
 * branches then, and the state's Retry and Catch apply at once. A run stopped this way checks
 * {@link Scope#finished()} when it goes on, and ends without finishing its state.
 *
 * <p>Without it the failed Parallel waited for the sibling's whole Wait, unless the sibling had not begun it yet
 * (its driver loop saw the abort first and stopped): a race between the branches.
 */
public final class StoppableDelay {

    private static final Runnable NOTHING = () -> { };

    private StoppableDelay() {
    }

    /**
     * Calls {@code then} once, on a {@code timers} thread, after {@code millis}, or sooner when a fan-out above
     * {@code scope} aborts.
     */
    public static void start(Scope scope, long millis, ScheduledExecutorService timers, Runnable then) {
        Once once = new Once(then);
        once.forget = whenStopped(scope, timers, once);
        once.timer = timers.schedule(once, millis, TimeUnit.MILLISECONDS);
        if (once.ran.get()) {
            once.timer.cancel(false); // stopped before its timer was set: the pool need not hold it
        }
    }

    /**
     * Runs {@code stop}, on {@code executor}, when a fan-out above {@code scope} aborts (at once if one has), for any
     * wait a run holds no thread in (a callback Task's wait for its token). Returns what forgets it, to run when the
     * wait ends on its own.
     */
    public static Runnable whenStopped(Scope scope, java.util.concurrent.Executor executor, Runnable stop) {
        List<FanOut> above = new ArrayList<>();
        for (Scope up = scope.parent(); up != null; up = up.parent()) {
            if (up.fanOut() != null) {
                above.add(up.fanOut());
            }
        }
        if (above.isEmpty()) { // the top-level scope: nothing above it can stop it
            return NOTHING;
        }
        Runnable onTimers = () -> { // not on the failing run's thread: the stopped run goes on on this one
            try {
                executor.execute(stop);
            } catch (RejectedExecutionException stopping) {
                // the app is stopping: its timers run nothing more, the run ends with the CamelContext
            }
        };
        for (FanOut fanOut : above) {
            fanOut.onAbort(onTimers);
        }
        if (scope.finished()) { // aborted before it was registered: its abort did not see this wait
            onTimers.run();
        }
        return () -> above.forEach(fanOut -> fanOut.forgetOnAbort(onTimers));
    }

    /** Runs {@code then} the first time it is run, and lets go of the timer and the fan-outs. */
    private static final class Once implements Runnable {
        private final Runnable then;
        private final AtomicBoolean ran = new AtomicBoolean();
        private volatile Runnable forget;
        private volatile Future<?> timer;

        Once(Runnable then) {
            this.then = then;
        }

        @Override
        public void run() {
            if (!ran.compareAndSet(false, true)) {
                return;
            }
            Future<?> pending = timer;
            if (pending != null) {
                pending.cancel(false);
            }
            Runnable registered = forget;
            if (registered != null) { // else it was stopped as it started, and its fan-out is done with it
                registered.run();
            }
            then.run();
        }
    }
}
