package io.github.camelasl.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A clock the test moves: time stands still until {@link #advance}, {@link #advanceTo} or {@link #runUntil} moves
 * it, and the engine's timers (Waits, back-offs, timeouts, heartbeats) fire then, in due order, on the thread that
 * moves the clock. Before each timer it waits until the engine is idle (nothing queued or running in a pool the
 * engine handed to {@link #observe}, no timer callback running, no endpoint's reply awaited: see {@link #inflight}),
 * so that work the engine is doing, a Task calling a {@code direct:} route, say, finishes before time jumps past it.
 * A 24-hour Wait takes no real time; real work takes no virtual time.
 *
 * <p>Timers due at the same instant fire in the order they were scheduled. {@code execute} and {@code submit} on
 * the {@link #scheduler()} are timers due now: they run when the clock is next moved (even by zero).
 *
 * <p>Work on a thread the engine does not own (a callback answered from another app's thread, a route of a
 * {@code seda:} queue a Task's endpoint handed the token to) is not counted: the engine looks idle until that thread
 * answers, and the clock would jump past it (to the Task's TimeoutSeconds, say). {@link #quietPeriod} covers it:
 * before each jump forward the engine must have stayed idle that long in real time. The default, zero, keeps runs
 * deterministic; set it only for such callbacks.
 *
 * <p>Thread-safe; one thread at a time moves it (a second thread that tries while it is moved gets an
 * {@link IllegalStateException}: timers would fire out of order). Bounded: {@link #runUntil} and {@link #advance}
 * fire at most {@link #maxTimers} timers per call, and wait for idle (and quiet) at most {@link #idleTimeout} of real
 * time; past either they throw an {@link IllegalStateException} that says which bound and what was still running or
 * pending.
 */
public final class VirtualClock implements EngineClock {

    public static final int DEFAULT_MAX_TIMERS = 1_000_000;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VirtualClock.class);
    /** How many stack frames of a busy thread an error shows. */
    private static final int FRAMES_SHOWN = 6;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the engine may have become idle, or a timer was added or cancelled. */
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Timer<?>> timers = new PriorityQueue<>(
            Comparator.<Timer<?>>comparingLong(timer -> timer.due).thenComparingLong(timer -> timer.sequence));
    private final Scheduler scheduler = new Scheduler();
    /** The threads running observed work or a timer callback now: idle when empty and nothing is queued. */
    private final Set<Thread> busyThreads = ConcurrentHashMap.newKeySet();
    private volatile long now;
    /** Guarded by lock. */
    private long sequence;
    /** Tasks handed to observed pools and not yet finished (queued or running); guarded by lock. */
    private int inFlight;
    /** Timer callbacks running; guarded by lock. */
    private int callbacksRunning;
    /** Replies awaited from endpoints (see {@link #inflight}), by what awaits them; guarded by lock. */
    private final Map<String, Integer> awaitedReplies = new TreeMap<>();
    private volatile int maxTimers = DEFAULT_MAX_TIMERS;
    private volatile Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private volatile Duration quietPeriod = Duration.ZERO;
    /** When the engine's work last changed (see {@link #touched}), System.nanoTime; guarded by lock. */
    private long lastChange = System.nanoTime();
    /** The thread moving the clock now, and how deeply (see {@link #moving}). */
    private final AtomicReference<Thread> mover = new AtomicReference<>();
    private int moveDepth; // only the mover reads and writes it

    /** Starts at the real now, in whole milliseconds. */
    public VirtualClock() {
        this(Instant.ofEpochMilli(System.currentTimeMillis()));
    }

    /** Starts at {@code start} (in whole milliseconds: AWS's precision). */
    public VirtualClock(Instant start) {
        this.now = start.toEpochMilli();
    }

    /** At most this many timers fired by one call of {@link #runUntil} or {@link #advance}. */
    public VirtualClock maxTimers(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxTimers must be at least 1, not " + max);
        }
        this.maxTimers = max;
        return this;
    }

    /** At most this long (real time) waiting for the engine to be idle (and quiet: see {@link #quietPeriod}). */
    public VirtualClock idleTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive, not " + timeout);
        }
        if (timeout.compareTo(quietPeriod) <= 0) {
            throw new IllegalArgumentException("idleTimeout (" + timeout + ") must be longer than the quietPeriod ("
                    + quietPeriod + ")");
        }
        this.idleTimeout = timeout;
        return this;
    }

    /**
     * Before each jump forward in time (and before {@link #runUntil} concludes that nothing is left to do), the
     * engine must have stayed idle this long in real time: for callbacks answered from threads the engine does not
     * own, which it cannot see coming. Zero (the default) jumps as soon as the engine is idle: deterministic.
     * Shorter than {@link #idleTimeout}.
     */
    public VirtualClock quietPeriod(Duration period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("quietPeriod cannot be negative: " + period);
        }
        if (period.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("quietPeriod (" + period + ") must be shorter than the idleTimeout ("
                    + idleTimeout + ")");
        }
        this.quietPeriod = period;
        return this;
    }

    public Duration quietPeriod() {
        return quietPeriod;
    }

    @Override
    public long millis() {
        return now;
    }

    public Instant now() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Counts the work in {@code pool}, queued or running, as the engine not being idle. */
    @Override
    public ExecutorService observe(ExecutorService pool) {
        return pool instanceof ObservedPool observed && observed.clock() == this ? pool : new ObservedPool(pool);
    }

    /**
     * Fires every timer due up to now + {@code duration}, in due order (time jumps to each as it fires, and the
     * engine is idle before each), then sets now to now + {@code duration}.
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("The virtual clock cannot go back: advance(" + duration + ")");
        }
        advanceTo(now().plus(duration));
    }

    /** As {@link #advance}, to {@code time}; a time before now is refused. */
    public void advanceTo(Instant time) {
        long target = time.toEpochMilli();
        if (target < now) {
            throw new IllegalArgumentException("The virtual clock cannot go back: it is " + now() + ", not " + time);
        }
        moving("advance");
        try {
            int fired = 0;
            while (true) {
                awaitIdle();
                if (Math.min(nextDue(), target) > now) {
                    awaitQuiet(); // time jumps forward next: to a timer, or to the target
                }
                Timer<?> next = takeDue(target, fired++);
                if (next == null) {
                    break;
                }
                fire(next);
            }
            lock.lock();
            try {
                now = Math.max(now, target);
            } finally {
                lock.unlock();
            }
        } finally {
            moved();
        }
    }

    /**
     * Waits for idle, then while {@code done} is false fires the next timer (time jumps to it) and waits for idle
     * again.
     *
     * @return true once {@code done}; false when the engine is idle, {@code done} is false and no timer is left
     * @throws IllegalStateException past {@link #maxTimers} timers, or when the engine is not idle within
     *                               {@link #idleTimeout}
     */
    public boolean runUntil(BooleanSupplier done) {
        moving("runUntil");
        try {
            int fired = 0;
            while (true) {
                awaitIdle();
                if (done.getAsBoolean()) {
                    return true;
                }
                if (nextDue() > now) { // time jumps forward next, or nothing is left: a late answer may change both
                    awaitQuiet();
                    if (done.getAsBoolean()) {
                        return true;
                    }
                }
                Timer<?> next = takeDue(Long.MAX_VALUE, fired++);
                if (next == null) {
                    return false;
                }
                fire(next);
            }
        } finally {
            moved();
        }
    }

    /** Fires timers until the engine is idle with none left (see {@link #runUntil}). */
    public void runUntilIdle() {
        runUntil(() -> false);
    }

    /**
     * Returns once nothing is queued or running in an observed pool and no timer callback runs.
     *
     * @throws IllegalStateException when that takes longer than {@link #idleTimeout} of real time, or when called
     *                               from the engine's own work (which would wait for itself)
     */
    public void awaitIdle() {
        awaitIdleFor(0);
    }

    /** Waits until the engine has been idle for the {@link #quietPeriod} (at once when it is zero). */
    private void awaitQuiet() {
        long quiet = quietPeriod.toNanos();
        if (quiet > 0) {
            awaitIdleFor(quiet);
        }
    }

    /** Returns once the engine has been idle for {@code quietNanos} of real time; see {@link #awaitIdle}. */
    private void awaitIdleFor(long quietNanos) {
        if (busyThreads.contains(Thread.currentThread())) {
            throw new IllegalStateException("VirtualClock: awaitIdle, advance and runUntil cannot be called from "
                    + "work the clock is counting (a timer callback or an observed pool's task): it would wait "
                    + "for itself");
        }
        Duration timeout = idleTimeout;
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                boolean idle = inFlight == 0 && callbacksRunning == 0 && awaitedReplies.isEmpty();
                long quietLeft = idle ? quietNanos - (System.nanoTime() - lastChange) : quietNanos;
                if (idle && quietLeft <= 0) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(idle
                            ? "VirtualClock: the engine did not stay idle for the quietPeriod of " + quietPeriod
                                    + " within " + timeout + " of real time (the idleTimeout bound): " + busyReport()
                            : "VirtualClock: the engine was not idle after " + timeout
                                    + " of real time (the idleTimeout bound): " + busyReport());
                }
                changed.awaitNanos(idle ? Math.min(left, quietLeft) : left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("VirtualClock: interrupted while waiting for the engine to be idle", e);
        } finally {
            lock.unlock();
        }
    }

    /** Counts the reply awaited from {@code what} as the engine not being idle, until the returned Runnable runs. */
    @Override
    public Runnable inflight(String what) {
        lock.lock();
        try {
            awaitedReplies.merge(what, 1, Integer::sum);
            touched();
        } finally {
            lock.unlock();
        }
        AtomicBoolean answered = new AtomicBoolean();
        return () -> {
            if (answered.compareAndSet(false, true)) {
                lock.lock();
                try {
                    awaitedReplies.computeIfPresent(what, (key, count) -> count == 1 ? null : count - 1);
                    touched();
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    /** The timers scheduled and not yet fired or cancelled. */
    public int pendingTimers() {
        lock.lock();
        try {
            return timers.size();
        } finally {
            lock.unlock();
        }
    }

    /** When the next timer is due, epoch millis; Long.MAX_VALUE when none is pending. */
    private long nextDue() {
        lock.lock();
        try {
            Timer<?> next = timers.peek();
            return next == null ? Long.MAX_VALUE : next.due;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The calling thread moves the clock (re-entrantly); another thread that is moving it now is refused: two movers
     * would take timers in turn and fire them out of order, each waiting for the other's work.
     */
    private void moving(String how) {
        Thread current = Thread.currentThread();
        while (!mover.compareAndSet(null, current)) {
            Thread other = mover.get();
            if (other == current) {
                break;
            }
            if (other != null) {
                throw new IllegalStateException("VirtualClock: " + how + " on thread '" + current.getName()
                        + "' while thread '" + other.getName() + "' moves the clock: one thread at a time moves "
                        + "it (timers would fire out of order). Give each concurrent test a clock of its own");
            }
            // the other mover has just finished: try again
        }
        moveDepth++;
    }

    private void moved() {
        if (--moveDepth == 0) {
            mover.set(null);
        }
    }

    /** When the next timer is due, if one is pending. */
    public Optional<Instant> nextTimer() {
        lock.lock();
        try {
            Timer<?> next = timers.peek();
            return next == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next.due));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "VirtualClock[" + now() + ", " + pendingTimers() + " timers pending]";
    }

    /**
     * The first timer due at or before {@code limit}, taken off the queue (time jumps to it); null when there is
     * none.
     *
     * @param firedBefore how many this call has fired: one more than {@link #maxTimers} is refused
     */
    private Timer<?> takeDue(long limit, int firedBefore) {
        lock.lock();
        try {
            Timer<?> next = timers.peek();
            if (next == null || next.due > limit) {
                return null;
            }
            if (firedBefore >= maxTimers) {
                throw new IllegalStateException("VirtualClock: fired " + maxTimers + " timers in one call (the "
                        + "maxTimers bound) and the engine still had more: a timer that reschedules itself for "
                        + "ever? " + timers.size() + " pending, the next due at " + Instant.ofEpochMilli(next.due)
                        + "; it is " + now());
            }
            timers.poll();
            now = Math.max(now, next.due);
            callbacksRunning++; // busy from here: nothing may see the engine idle between taking and running it
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** Runs a timer taken by {@link #takeDue}. */
    private void fire(Timer<?> timer) {
        Thread thread = Thread.currentThread();
        busyThreads.add(thread);
        try {
            timer.run();
        } finally {
            busyThreads.remove(thread);
            lock.lock();
            try {
                callbacksRunning--;
                touched();
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private String busyReport() {
        StringBuilder report = new StringBuilder();
        report.append(inFlight).append(" task(s) queued or running in observed pools, ").append(callbacksRunning)
                .append(" timer callback(s) running, ").append(timers.size()).append(" timer(s) pending");
        if (!awaitedReplies.isEmpty()) {
            report.append(", replies awaited from ").append(awaitedReplies);
        }
        if (!timers.isEmpty()) {
            report.append(" (the next due at ").append(Instant.ofEpochMilli(timers.peek().due)).append(")");
        }
        report.append("; it is ").append(now());
        for (Thread thread : busyThreads) {
            report.append("\n  busy thread '").append(thread.getName()).append("' (").append(thread.getState())
                    .append(")");
            StackTraceElement[] frames = thread.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES_SHOWN, frames.length); i++) {
                report.append("\n    at ").append(frames[i]);
            }
        }
        return report.toString();
    }

    private <V> Timer<V> addTimer(Callable<V> task, long delayMillis, long period) {
        lock.lock();
        try {
            long due = delayMillis >= Delays.MAX_MILLIS ? now + Delays.MAX_MILLIS : now + Math.max(0, delayMillis);
            Timer<V> timer = new Timer<>(task, due, sequence++, period);
            timers.add(timer);
            touched();
            changed.signalAll();
            return timer;
        } finally {
            lock.unlock();
        }
    }

    private void workStarted() {
        lock.lock();
        try {
            inFlight++;
            touched();
        } finally {
            lock.unlock();
        }
    }

    private void workEnded() {
        lock.lock();
        try {
            inFlight--;
            touched();
            if (inFlight == 0) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The engine's work changed (began, ended, set or cancelled a timer): a quiet period starts over. Under lock. */
    private void touched() {
        lastChange = System.nanoTime();
    }

    /**
     * A timer: runs once when the clock reaches {@code due}, or every {@code period} ms from then (fixed rate when
     * positive, fixed delay when negative, as ScheduledThreadPoolExecutor).
     */
    private final class Timer<V> implements ScheduledFuture<V> {
        private final Callable<V> task;
        private final long sequence;
        private final long period;
        private final CompletableFuture<V> result = new CompletableFuture<>();
        private volatile long due;

        Timer(Callable<V> task, long due, long sequence, long period) {
            this.task = task;
            this.due = due;
            this.sequence = sequence;
            this.period = period;
        }

        void run() {
            if (result.isDone()) {
                return; // cancelled after it was taken
            }
            try {
                V value = task.call();
                if (period == 0) {
                    result.complete(value);
                } else {
                    reschedule();
                }
            } catch (Exception | Error e) {
                LOG.warn("A timer of the virtual clock failed at {}: {}", now(), e.toString(), e);
                result.completeExceptionally(e);
            }
        }

        private void reschedule() {
            lock.lock();
            try {
                if (!result.isDone()) {
                    due = period > 0 ? due + period : now + -period;
                    timers.add(this);
                    changed.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            lock.lock();
            try {
                boolean cancelled = result.cancel(false);
                if (cancelled) {
                    timers.remove(this);
                    touched();
                    changed.signalAll();
                }
                return cancelled;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean isCancelled() {
            return result.isCancelled();
        }

        @Override
        public boolean isDone() {
            return result.isDone();
        }

        @Override
        public V get() throws InterruptedException, ExecutionException {
            return result.get();
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException,
                TimeoutException {
            return result.get(timeout, unit);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - now, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public String toString() {
            return "VirtualClock timer due at " + Instant.ofEpochMilli(due);
        }
    }

    /**
     * The clock's scheduler: a timer per task, fired when the clock is moved. It belongs to the clock, which
     * outlives the deployments that schedule on it: shutting it down is ignored.
     */
    private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return addTimer(Executors.callable(command), unit.toMillis(delay), 0);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return addTimer(callable, unit.toMillis(delay), 0);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                TimeUnit unit) {
            return addTimer(Executors.callable(command), unit.toMillis(initialDelay), positive(period, unit));
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            return addTimer(Executors.callable(command), unit.toMillis(initialDelay), -positive(delay, unit));
        }

        private long positive(long period, TimeUnit unit) {
            long millis = unit.toMillis(period);
            if (millis <= 0) {
                throw new IllegalArgumentException("a period of at least 1 ms, not " + period + " " + unit);
            }
            return millis;
        }

        /** A timer due now: it runs when the clock is next moved. */
        @Override
        public void execute(Runnable command) {
            addTimer(Executors.callable(command), 0, 0);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return false;
        }

        @Override
        public String toString() {
            return VirtualClock.this + ".scheduler()";
        }
    }

    /** A pool whose work, queued or running, keeps the clock from seeing the engine idle. */
    private final class ObservedPool extends AbstractExecutorService {
        private final ExecutorService pool;

        ObservedPool(ExecutorService pool) {
            this.pool = pool;
        }

        VirtualClock clock() {
            return VirtualClock.this;
        }

        @Override
        public void execute(Runnable command) {
            workStarted();
            try {
                pool.execute(new Counted(command));
            } catch (RuntimeException | Error e) {
                workEnded(); // rejected: it will not run
                throw e;
            }
        }

        @Override
        public void shutdown() {
            pool.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            List<Runnable> dropped = pool.shutdownNow();
            List<Runnable> commands = new ArrayList<>(dropped.size());
            for (Runnable runnable : dropped) {
                if (runnable instanceof Counted counted) {
                    workEnded(); // will never run
                    commands.add(counted.command);
                } else {
                    commands.add(runnable);
                }
            }
            return commands;
        }

        @Override
        public boolean isShutdown() {
            return pool.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return pool.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return pool.awaitTermination(timeout, unit);
        }

        @Override
        public String toString() {
            return "observed[" + pool + "]";
        }
    }

    /** An observed pool's task: counted from its hand-off until it ends. */
    private final class Counted implements Runnable {
        private final Runnable command;

        Counted(Runnable command) {
            this.command = command;
        }

        @Override
        public void run() {
            Thread thread = Thread.currentThread();
            boolean outermost = busyThreads.add(thread); // a pool running on its caller's thread (CallerRuns)
            try {
                command.run();
            } finally {
                if (outermost) {
                    busyThreads.remove(thread);
                }
                workEnded();
            }
        }
    }
}
