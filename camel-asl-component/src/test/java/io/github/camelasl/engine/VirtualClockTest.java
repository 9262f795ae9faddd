package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The virtual clock on its own: its timers, how it moves, when it counts the engine idle, and its bounds. */
class VirtualClockTest {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private final VirtualClock clock = new VirtualClock(START);
    private final ScheduledExecutorService timers = clock.scheduler();
    private final ExecutorService realPool = Executors.newFixedThreadPool(2);
    /** What ran, as "name@virtual millis since START". */
    private final List<String> fired = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopPool() {
        realPool.shutdownNow();
    }

    private Runnable record(String name) {
        return () -> fired.add(name + "@" + (clock.millis() - START.toEpochMilli()));
    }

    @Test
    void startsWhereToldInWholeMillisAndStandsStill() {
        VirtualClock fine = new VirtualClock(Instant.parse("2030-01-01T00:00:00.123456789Z"));
        assertEquals(Instant.parse("2030-01-01T00:00:00.123Z"), fine.now());
        VirtualClock real = new VirtualClock();
        assertEquals(0, real.now().getNano() % 1_000_000);
        assertEquals(START, clock.now());
        assertEquals(START.toEpochMilli(), clock.millis());
        assertEquals(START, clock.instant());
        assertEquals(START, clock.now(), "it does not move by itself");
    }

    @Test
    void timersDueAtTheSameInstantFireInSchedulingOrderAndTimeJumpsToEach() {
        timers.schedule(record("c"), 2, TimeUnit.SECONDS);
        timers.schedule(record("a"), 1, TimeUnit.SECONDS);
        timers.schedule(record("d"), 2000, TimeUnit.MILLISECONDS);
        timers.schedule(record("b"), 1, TimeUnit.SECONDS);
        timers.schedule(record("late"), 10, TimeUnit.SECONDS);
        assertEquals(5, clock.pendingTimers());
        assertEquals(Optional.of(START.plusSeconds(1)), clock.nextTimer());

        clock.advance(Duration.ofSeconds(5));

        assertEquals(List.of("a@1000", "b@1000", "c@2000", "d@2000"), fired);
        assertEquals(START.plusSeconds(5), clock.now());
        assertEquals(1, clock.pendingTimers());
        assertEquals(Optional.of(START.plusSeconds(10)), clock.nextTimer());
    }

    @Test
    void advanceToFiresWhatIsDueAndTheClockNeverGoesBack() {
        timers.schedule(record("a"), 3, TimeUnit.SECONDS);
        clock.advanceTo(START.plusSeconds(3));
        assertEquals(List.of("a@3000"), fired);
        assertEquals(START.plusSeconds(3), clock.now());

        IllegalArgumentException back = assertThrows(IllegalArgumentException.class,
                () -> clock.advanceTo(START.plusSeconds(2)));
        assertEquals("The virtual clock cannot go back: it is 2030-01-01T00:00:03Z, not 2030-01-01T00:00:02Z",
                back.getMessage());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofMillis(-1)));
        assertEquals(START.plusSeconds(3), clock.now());
    }

    @Test
    void runUntilJumpsFromTimerToTimerUntilDone() {
        AtomicBoolean done = new AtomicBoolean();
        timers.schedule(record("a"), 1, TimeUnit.DAYS);
        timers.schedule(() -> {
            fired.add("done@" + (clock.millis() - START.toEpochMilli()));
            done.set(true);
        }, 365, TimeUnit.DAYS);
        timers.schedule(record("after"), 400, TimeUnit.DAYS);

        assertTrue(clock.runUntil(done::get));

        assertEquals(List.of("a@86400000", "done@31536000000"), fired);
        assertEquals(START.plus(Duration.ofDays(365)), clock.now());
        assertEquals(1, clock.pendingTimers(), "the timer after it is left");
    }

    @Test
    void runUntilIsFalseWhenIdleWithNoTimerLeft() {
        timers.schedule(record("a"), 5, TimeUnit.MINUTES);
        assertFalse(clock.runUntil(() -> false));
        assertEquals(List.of("a@300000"), fired);
        assertEquals(START.plus(Duration.ofMinutes(5)), clock.now());
        assertTrue(clock.runUntil(() -> true), "done at once: nothing fires");
    }

    @Test
    void runUntilIdleRunsTimersThatTimersSchedule() {
        timers.schedule(() -> {
            record("first").run();
            timers.schedule(record("second"), 1, TimeUnit.HOURS);
        }, 1, TimeUnit.HOURS);
        clock.runUntilIdle();
        assertEquals(List.of("first@3600000", "second@7200000"), fired);
        assertEquals(0, clock.pendingTimers());
        assertEquals(Optional.empty(), clock.nextTimer());
    }

    @Test
    void aCancelledTimerDoesNotFire() throws Exception {
        ScheduledFuture<?> cancelled = timers.schedule(record("cancelled"), 1, TimeUnit.SECONDS);
        ScheduledFuture<?> kept = timers.schedule(record("kept"), 2, TimeUnit.SECONDS);
        assertEquals(1000, cancelled.getDelay(TimeUnit.MILLISECONDS));

        assertTrue(cancelled.cancel(false));
        assertTrue(cancelled.isCancelled());
        assertEquals(1, clock.pendingTimers());
        clock.runUntilIdle();

        assertEquals(List.of("kept@2000"), fired);
        assertTrue(kept.isDone());
        assertEquals(null, kept.get());
        assertFalse(kept.cancel(false), "it ran: too late to cancel");
    }

    @Test
    void executeIsATimerDueNowAndPeriodicTimersRepeat() {
        timers.execute(record("now"));
        assertTrue(fired.isEmpty(), "nothing runs until the clock moves");
        clock.advance(Duration.ZERO);
        assertEquals(List.of("now@0"), fired);

        ScheduledFuture<?> rate = timers.scheduleAtFixedRate(record("rate"), 10, 10, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(30));
        rate.cancel(false);
        clock.runUntilIdle();
        assertEquals(List.of("now@0", "rate@10000", "rate@20000", "rate@30000"), fired);
    }

    @Test
    void aTimerThatFailsFailsItsFutureAndTheClockGoesOn() {
        ScheduledFuture<Object> failing = timers.schedule(() -> {
            throw new IllegalStateException("boom");
        }, 1, TimeUnit.SECONDS);
        timers.schedule(record("next"), 2, TimeUnit.SECONDS);
        clock.runUntilIdle();
        assertTrue(failing.isDone());
        java.util.concurrent.ExecutionException thrown = assertThrows(java.util.concurrent.ExecutionException.class,
                failing::get);
        assertEquals("boom", thrown.getCause().getMessage());
        assertEquals(List.of("next@2000"), fired);
    }

    /** A timer hands real work to an observed pool: time waits for it, and for the timer that work schedules. */
    @Test
    void workInAnObservedPoolKeepsTheClockFromJumping() {
        ExecutorService observed = clock.observe(realPool);
        timers.schedule(() -> observed.execute(() -> {
            try {
                Thread.sleep(50); // real work, still going on when the timer's callback has returned
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            record("work").run();
            timers.schedule(record("afterWork"), 1, TimeUnit.SECONDS);
        }), 1, TimeUnit.SECONDS);
        timers.schedule(record("other"), 5, TimeUnit.SECONDS);

        clock.runUntilIdle();

        assertEquals(List.of("work@1000", "afterWork@2000", "other@5000"), fired);
    }

    @Test
    void observingTheSamePoolTwiceWrapsItOnce() {
        ExecutorService observed = clock.observe(realPool);
        assertTrue(observed == clock.observe(observed));
        assertTrue(realPool == EngineClock.system().observe(realPool), "the system clock hands the pool back");
        assertEquals(null, EngineClock.system().scheduler());
    }

    @Test
    void waitingForIdleIsBoundedAndSaysWhatIsBusy() throws Exception {
        clock.idleTimeout(Duration.ofMillis(200));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService observed = clock.observe(Executors.newSingleThreadExecutor(
                runnable -> new Thread(runnable, "stuck-engine-thread")));
        try {
            observed.execute(() -> {
                started.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            started.await();
            timers.schedule(record("a"), 1, TimeUnit.HOURS);

            IllegalStateException stuck = assertThrows(IllegalStateException.class, clock::runUntilIdle);

            assertTrue(stuck.getMessage().startsWith("VirtualClock: the engine was not idle after PT0.2S of real "
                    + "time (the idleTimeout bound): 1 task(s) queued or running in observed pools, 0 timer "
                    + "callback(s) running, 1 timer(s) pending (the next due at 2030-01-01T01:00:00Z); it is "
                    + "2030-01-01T00:00:00Z"), stuck.getMessage());
            assertTrue(stuck.getMessage().contains("busy thread 'stuck-engine-thread'"), stuck.getMessage());
            assertTrue(fired.isEmpty());
        } finally {
            release.countDown();
            observed.shutdown();
        }
        clock.runUntilIdle();
        assertEquals(List.of("a@3600000"), fired);
    }

    @Test
    void anAwaitedReplyHoldsTheClockAndIsNamedWhenItDoesNotCome() {
        clock.idleTimeout(Duration.ofMillis(200));
        Runnable replied = clock.inflight("task[vertx-http:example]");
        timers.schedule(record("a"), 1, TimeUnit.SECONDS);

        IllegalStateException waiting = assertThrows(IllegalStateException.class, clock::runUntilIdle);

        assertTrue(waiting.getMessage().contains("replies awaited from {task[vertx-http:example]=1}"),
                waiting.getMessage());
        assertTrue(fired.isEmpty());
        replied.run();
        replied.run(); // counted once
        clock.runUntilIdle();
        assertEquals(List.of("a@1000"), fired);
        assertEquals(null, EngineClock.system().inflight("task[x]"), "the system clock counts nothing");
    }

    @Test
    void firingIsBoundedAndSaysSo() {
        clock.maxTimers(100);
        timers.scheduleWithFixedDelay(record("tick"), 1, 1, TimeUnit.SECONDS);

        IllegalStateException endless = assertThrows(IllegalStateException.class, clock::runUntilIdle);

        assertEquals("VirtualClock: fired 100 timers in one call (the maxTimers bound) and the engine still had "
                + "more: a timer that reschedules itself for ever? 1 pending, the next due at "
                + "2030-01-01T00:01:41Z; it is 2030-01-01T00:01:40Z", endless.getMessage());
        assertEquals(100, fired.size());
        assertEquals(1, clock.pendingTimers(), "the timer not fired stays pending");
        assertThrows(IllegalArgumentException.class, () -> clock.maxTimers(0));
        assertThrows(IllegalArgumentException.class, () -> clock.idleTimeout(Duration.ZERO));
    }

    @Test
    void theEngineCannotWaitForItself() {
        AtomicBoolean refused = new AtomicBoolean();
        timers.schedule(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, clock::awaitIdle);
            refused.set(e.getMessage().contains("it would wait for itself"));
        }, 1, TimeUnit.SECONDS);
        clock.runUntilIdle();
        assertTrue(refused.get());
    }

    /** Two threads moving one clock would take timers in turn and fire them out of order: the second is refused. */
    @Test
    void aSecondThreadCannotMoveTheClockWhileOneDoes() throws Exception {
        timers.schedule(record("a"), 1, TimeUnit.SECONDS);
        java.util.concurrent.atomic.AtomicReference<Throwable> refused = new java.util.concurrent.atomic.AtomicReference<>();

        assertTrue(clock.runUntil(() -> {
            Thread second = new Thread(() -> {
                try {
                    clock.advance(Duration.ofSeconds(5));
                } catch (Throwable e) {
                    refused.set(e);
                }
            }, "second-mover");
            second.start();
            try {
                second.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clock.advance(Duration.ZERO); // the thread moving it may move it again
            return true;
        }));

        assertTrue(refused.get() instanceof IllegalStateException, String.valueOf(refused.get()));
        assertTrue(refused.get().getMessage().startsWith("VirtualClock: advance on thread 'second-mover' while "
                + "thread '" + Thread.currentThread().getName() + "' moves the clock: one thread at a time moves it"),
                refused.get().getMessage());
        assertTrue(fired.isEmpty());
        assertEquals(START, clock.now());
        Thread later = new Thread(() -> clock.advance(Duration.ofSeconds(5)), "later-mover");
        later.start();
        later.join(10_000);
        assertEquals(List.of("a@1000"), fired, "once the first has done, another thread may move it");
        assertEquals(START.plusSeconds(5), clock.now());
    }

    /**
     * A thread the engine does not own (a callback sent from another app's thread) answers 20 ms after the engine
     * went idle: with a quiet period the clock waits for it rather than jump to the timeout it would have beaten.
     */
    @Test
    void aQuietPeriodWaitsForWorkFromAThreadTheEngineDoesNotOwn() throws Exception {
        clock.quietPeriod(Duration.ofMillis(500));
        ExecutorService observed = clock.observe(realPool);
        ScheduledFuture<?> timeout = timers.schedule(record("timeout"), 1, TimeUnit.HOURS);
        Thread foreign = new Thread(() -> {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            observed.execute(() -> {
                timeout.cancel(false);
                record("answer").run();
            });
        }, "foreign");
        foreign.start();

        assertTrue(clock.runUntil(() -> fired.contains("answer@0")));

        assertEquals(List.of("answer@0"), fired);
        assertEquals(START, clock.now());
        assertEquals(0, clock.pendingTimers());
        assertEquals(Duration.ofMillis(500), clock.quietPeriod());
        foreign.join(10_000);
    }

    @Test
    void aQuietPeriodNeverReachedIsBoundedByTheIdleTimeoutAndSaysSo() throws Exception {
        clock.idleTimeout(Duration.ofMillis(300)).quietPeriod(Duration.ofMillis(100));
        timers.schedule(record("a"), 1, TimeUnit.SECONDS);
        AtomicBoolean stop = new AtomicBoolean();
        Thread restless = new Thread(() -> { // sets and cancels a timer every 10 ms: never quiet for 100 ms
            while (!stop.get()) {
                timers.schedule(() -> { }, 1, TimeUnit.DAYS).cancel(false);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "restless");
        restless.start();
        try {
            IllegalStateException restlessEngine = assertThrows(IllegalStateException.class, clock::runUntilIdle);
            assertTrue(restlessEngine.getMessage().startsWith("VirtualClock: the engine did not stay idle for the "
                    + "quietPeriod of PT0.1S within PT0.3S of real time (the idleTimeout bound)"),
                    restlessEngine.getMessage());
            assertTrue(fired.isEmpty());
        } finally {
            stop.set(true);
            restless.join(10_000);
        }
        assertThrows(IllegalArgumentException.class, () -> clock.quietPeriod(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> clock.quietPeriod(Duration.ofMillis(300)));
        assertThrows(IllegalArgumentException.class, () -> clock.idleTimeout(Duration.ofMillis(100)));
        assertEquals(Duration.ZERO, new VirtualClock().quietPeriod(), "deterministic by default");
    }
}
