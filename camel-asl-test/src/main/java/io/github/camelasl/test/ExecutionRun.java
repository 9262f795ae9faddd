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
    private final CompletableFuture<ExecutionResult> completion;

    ExecutionRun(StateMachineRuntime runtime, String executionArn, CompletableFuture<ExecutionResult> completion) {
        this.runtime = runtime;
        this.executionArn = executionArn;
        this.completion = completion;
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
        ExecutionResult result = resultNow();
        return result == null ? ExecutionStatus.RUNNING : result.status();
    }

    /** True once it has ended. */
    public boolean ended() {
        return completion.isDone();
    }

    /** Its output once it SUCCEEDED, else null. */
    public JsonNode output() {
        ExecutionResult result = resultNow();
        return result == null ? null : result.output();
    }

    /** Its error once it ended otherwise (FAILED, TIMED_OUT, ABORTED), else null. */
    public String error() {
        ExecutionResult result = resultNow();
        return result == null ? null : result.error();
    }

    /** Its cause once it ended otherwise, else null. */
    public String cause() {
        ExecutionResult result = resultNow();
        return result == null ? null : result.cause();
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
        if (runtime.config().clock() instanceof VirtualClock clock) {
            if (!clock.runUntil(completion::isDone)) {
                throw new AssertionError("Execution " + executionArn + " cannot end: it waits for something no "
                        + "timer brings (a task token, an activity worker, a callback); " + HistoryView.of(history())
                        .whereItIs() + ". Start it with start(input), bring what it waits for, then runToEnd()");
            }
            return this;
        }
        return await();
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

    CompletableFuture<ExecutionResult> completion() {
        return completion;
    }

    private ExecutionResult resultNow() {
        if (!completion.isDone() || completion.isCompletedExceptionally()) {
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
