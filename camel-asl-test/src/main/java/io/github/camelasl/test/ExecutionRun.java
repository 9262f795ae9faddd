package io.github.camelasl.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution a kit started: its status, output, error and cause (AWS's DescribeExecution), its history (AWS's
 * events as JSON), and what {@link AslAssertions#assertThat(ExecutionRun)} checks.
 */
public final class ExecutionRun {

    /** How long {@link #await()} waits in real time for an execution that is not driven by the clock. */
    static final Duration DEFAULT_AWAIT = Duration.ofSeconds(30);

    private final StateMachineRuntime runtime;
    private final String executionArn;
    /** Its result when the kit started it; null for one started elsewhere, read from the store. */
    private final CompletableFuture<ExecutionResult> completion;

    ExecutionRun(StateMachineRuntime runtime, String executionArn, CompletableFuture<ExecutionResult> completion) {
        this.runtime = runtime;
        this.executionArn = executionArn;
        this.completion = completion;
    }

    /**
     * An execution a driver other than the kit began ({@code asl test}'s suite, {@code asl run --clock virtual}),
     * to run it to its end the kit's way ({@link #runUntilEnded()}).
     */
    public static ExecutionRun of(StateMachineRuntime runtime, String executionArn,
            CompletableFuture<ExecutionResult> completion) {
        return new ExecutionRun(runtime, executionArn, java.util.Objects.requireNonNull(completion, "completion"));
    }

    /** An execution something else started (an asl: endpoint, the API): read from the state machine's store. */
    static ExecutionRun of(StateMachineRuntime runtime, String executionArn) {
        if (runtime.store().find(executionArn).isEmpty()) {
            throw new IllegalArgumentException("State machine '" + runtime.config().name() + "' has no execution "
                    + executionArn);
        }
        return new ExecutionRun(runtime, executionArn, null);
    }

    public String executionArn() {
        return executionArn;
    }

    /** The state machine's name. */
    public String stateMachineName() {
        return runtime.config().name();
    }

    /** RUNNING until it ends, then how it ended. */
    public ExecutionStatus status() {
        if (completion == null) {
            return stored().status();
        }
        ExecutionResult result = resultNow();
        return result == null ? ExecutionStatus.RUNNING : result.status();
    }

    /** True once it has ended. */
    public boolean ended() {
        return completion == null ? stored().status() != ExecutionStatus.RUNNING : completion.isDone();
    }

    /** Its output once it SUCCEEDED, else null. */
    public JsonNode output() {
        if (completion == null) {
            return stored().output();
        }
        ExecutionResult result = resultNow();
        return result == null ? null : result.output();
    }

    /** Its error once it ended otherwise (FAILED, TIMED_OUT, ABORTED), else null. */
    public String error() {
        if (completion == null) {
            return stored().error();
        }
        ExecutionResult result = resultNow();
        return result == null ? null : result.error();
    }

    /** Its cause once it ended otherwise, else null. */
    public String cause() {
        if (completion == null) {
            return stored().cause();
        }
        ExecutionResult result = resultNow();
        return result == null ? null : result.cause();
    }

    /** The names of the states it entered, in order (Parallel branches' and Map iterations' too). */
    public List<String> statesEntered() {
        return HistoryView.of(history()).enteredStates();
    }

    private io.github.camelasl.store.ExecutionRecord stored() {
        return runtime.store().find(executionArn).orElseThrow(() -> new IllegalStateException("The store no longer "
                + "holds execution " + executionArn));
    }

    /** Its history events so far, AWS's JSON (GetExecutionHistory's events), oldest first. */
    public List<JsonNode> history() {
        ExecutionResult result = resultNow();
        if (result != null && result.history() != null && !result.history().isEmpty()) {
            return result.history();
        }
        return runtime.history(executionArn);
    }

    /**
     * Runs it to its end: on a {@link VirtualClock}, fires its timers (Waits, back-offs, timeouts) until it ends,
     * taking no real time for them; on the system clock, waits as {@link #await()} does.
     *
     * @throws AssertionError when it cannot end: it waits for something no timer brings (a task token's
     *                        SendTaskSuccess, an activity worker, a callback), saying where it waits
     */
    public ExecutionRun runToEnd() {
        if (runtime.config().clock() instanceof VirtualClock) {
            boolean ended;
            try {
                ended = runUntilEnded();
            } catch (IllegalStateException bound) { // the clock's: too many timers (a runaway loop), never idle
                throw new AssertionError("Execution " + executionArn + " did not end within the virtual clock's "
                        + "bounds; " + HistoryView.of(history()).whereItIs() + ": " + bound.getMessage(), bound);
            }
            if (!ended) {
                throw new AssertionError("Execution " + executionArn + " cannot end: it waits for something no "
                        + "timer brings (a task token, an activity worker, a callback); " + HistoryView.of(history())
                        .whereItIs() + ". Start it with start(input), bring what it waits for, then runToEnd()");
            }
            return this;
        }
        return await();
    }

    /**
     * Moves its virtual clock, timer after timer, until it ends: the one way the kit, {@code asl test} and {@code
     * asl run --clock virtual} run an execution to its end. No real-time grace: a callback from a thread the engine
     * does not own needs the clock's quiet period.
     *
     * @return false when it is left waiting for something no timer brings (idle, no timer due)
     * @throws IllegalStateException when it does not run on a VirtualClock, or past the clock's bounds (maxTimers,
     *                               idleTimeout)
     */
    public boolean runUntilEnded() {
        if (!(runtime.config().clock() instanceof VirtualClock clock)) {
            throw new IllegalStateException("Execution " + executionArn + " does not run on a VirtualClock");
        }
        return clock.runUntil(this::ended);
    }

    /** Where it is: the states it is in and what they wait for, from its history (for a failure message). */
    public String whereItIs() {
        return HistoryView.of(history()).whereItIs();
    }

    /**
     * The result, waiting for it in real time (at most 30 s): for an execution something else moves on (a worker,
     * a callback from another thread). It does not move a virtual clock: see {@link #runToEnd()}.
     */
    public ExecutionRun await() {
        return await(DEFAULT_AWAIT);
    }

    /**
     * The result, waiting for it in real time at most {@code timeout}.
     *
     * @throws AssertionError when it has not ended by then, saying where it is
     */
    public ExecutionRun await(Duration timeout) {
        if (completion == null) {
            return awaitStored(timeout);
        }
        try {
            completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Execution " + executionArn + " did not end within " + timeout + ": "
                    + HistoryView.of(history()).whereItIs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while awaiting " + executionArn, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Execution " + executionArn + " broke: " + e.getCause(), e.getCause());
        }
        return this;
    }

    /** Polls the store: an execution started elsewhere tells the kit nothing when it ends. */
    private ExecutionRun awaitStored(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Execution " + executionArn + " did not end within " + timeout + ": "
                        + HistoryView.of(history()).whereItIs());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while awaiting " + executionArn, e);
            }
        }
        return this;
    }

    /** Stops it, as AWS's StopExecution: ABORTED with {@code cause}. */
    public ExecutionRun stop(String cause) {
        runtime.stop(executionArn, null, cause);
        return this;
    }

    io.github.camelasl.engine.EngineClock clock() {
        return runtime.config().clock();
    }

    CompletableFuture<ExecutionResult> completion() {
        return completion;
    }

    private ExecutionResult resultNow() {
        if (completion == null || !completion.isDone() || completion.isCompletedExceptionally()) {
            return null;
        }
        return completion.join();
    }

    /** What a failing assertion shows: status, error and cause, the path taken. */
    String describe() {
        StringBuilder text = new StringBuilder("execution ").append(executionArn).append(" is ").append(status());
        if (error() != null) {
            text.append(" with error ").append(error()).append(cause() == null ? "" : " (cause: "
                    + TaskMock.abbreviate(cause()) + ")");
        }
        HistoryView view = HistoryView.of(history());
        text.append("\n  path taken: ").append(view.enteredStates().isEmpty() ? "(no state entered)"
                : String.join(" -> ", view.enteredStates()));
        if (!ended()) {
            text.append("\n  ").append(view.whereItIs());
        }
        if (output() != null) {
            text.append("\n  output: ").append(TaskMock.abbreviate(output().toString()));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
