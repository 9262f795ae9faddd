package io.github.camelasl.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
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

    private StoppableDelay() {
    }

    /**
     * Calls {@code then} once, on a {@code timers} thread, after {@code millis}, or sooner when a fan-out above
     * {@code scope} aborts.
     */
    public static void start(Scope scope, long millis, ScheduledExecutorService timers, Runnable then) {
        List<FanOut> above = new ArrayList<>();
        for (Scope up = scope.parent(); up != null; up = up.parent()) {
            if (up.fanOut() != null) {
                above.add(up.fanOut());
            }
        }
        if (above.isEmpty()) { // the top-level scope: nothing above it can stop it
            timers.schedule(then, millis, TimeUnit.MILLISECONDS);
            return;
        }
        Once once = new Once(then, above);
        Runnable stop = () -> { // not on the failing run's thread: the woken run goes on on this one
            try {
                timers.execute(once);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the app is stopping: its timers run nothing more, the run ends with the CamelContext
            }
        };
        once.stop = stop;
        for (FanOut fanOut : above) {
            fanOut.onAbort(stop);
        }
        once.timer = timers.schedule(once, millis, TimeUnit.MILLISECONDS);
        if (scope.finished()) { // aborted before it was registered: its abort did not see this delay
            stop.run();
        }
    }

    /** Runs {@code then} the first time it is run, and lets go of the timer and the fan-outs. */
    private static final class Once implements Runnable {
        private final Runnable then;
        private final List<FanOut> above;
        private final AtomicBoolean ran = new AtomicBoolean();
        private volatile Runnable stop;
        private volatile Future<?> timer;

        Once(Runnable then, List<FanOut> above) {
            this.then = then;
            this.above = above;
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
            for (FanOut fanOut : above) {
                fanOut.forgetOnAbort(stop);
            }
            then.run();
        }
    }
}
