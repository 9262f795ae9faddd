package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.history.HistoryEventType;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * A .waitForTaskToken Task waiting for its token, holding no thread: it ends once, with SendTaskSuccess's output,
 * SendTaskFailure's error, the Task's TimeoutSeconds (States.Timeout) or HeartbeatSeconds without a heartbeat
 * (States.HeartbeatTimeout), whichever comes first. Timers and senders only hand off to {@code worker}, which must
 * run what it is given without waiting for a clock to move: a sender's answer goes on at once.
 */
public final class TokenWait implements TaskTokens.Waiter {

    private final TaskTokens tokens;
    private final String token;
    private final ScheduledExecutorService timers;
    private final Executor worker;
    private final Long heartbeatSeconds;
    private final Long timeoutSeconds;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Set when the Task starts waiting; an answer that came before it (a fast worker) waits here for it. */
    private BiConsumer<JsonNode, AslError> end; // guarded by this
    private JsonNode earlyOutput; // guarded by this
    private AslError earlyError; // guarded by this
    private volatile ScheduledFuture<?> timeout;
    private volatile ScheduledFuture<?> heartbeat;
    private volatile java.util.function.Consumer<String> onStarted;
    /** The run the Task waits in: a failed sibling of its Parallel or Map stops the wait (see StoppableDelay). */
    private final Scope scope;
    /** Forgets the stop registered while the Task waits (see await). */
    private volatile Runnable forgetStop;
    /** Told why the wait ended, unless the connector ended it (see TaskCompletions#onEnd); guarded by this. */
    private final java.util.List<java.util.function.Consumer<String>> endListeners = new java.util.ArrayList<>(1);
    /** Why it ended, once it has: a TaskCompletions reason, or null when the connector ended it. Guarded by this. */
    private String endReason;
    /** Set once the end listeners have been told (or the connector ended it). Guarded by this. */
    private boolean endTold;

    private TokenWait(Scope scope, TaskTokens tokens, String token, ScheduledExecutorService timers, Executor worker,
            Long heartbeatSeconds, Long timeoutSeconds) {
        this.scope = scope;
        this.tokens = tokens;
        this.token = token;
        this.timers = timers;
        this.worker = worker;
        this.heartbeatSeconds = heartbeatSeconds;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * Registers the scope's current token before the Task's endpoint is called: a worker may answer before the
     * call returns.
     */
    public static TokenWait register(Scope scope, TaskTokens tokens, ScheduledExecutorService timers,
            Executor worker) {
        TokenWait wait = new TokenWait(scope, tokens, scope.taskToken(), timers, worker, scope.taskHeartbeatSeconds(),
                scope.taskTimeoutSeconds());
        if (((io.github.camelasl.model.TaskState) scope.current()).isActivity()) {
            // the Task waits (no thread is in its scope), so the worker's thread may record this one event
            wait.onStarted = workerName -> scope.recordLazily(HistoryEventType.ActivityStarted,
                    () -> workerName == null ? Json.NODES.objectNode() // AWS leaves out a name not given
                            : Json.NODES.objectNode().put("workerName", workerName));
        }
        tokens.await(wait.token, scope.execution().arn(), wait);
        return wait;
    }

    /**
     * The call was made: the Task waits, and {@code then} gets the output, or null and the error, once; or two nulls
     * when a failed sibling of its Parallel or Map stopped the wait (see {@link #stop}).
     */
    public void await(BiConsumer<JsonNode, AslError> then) {
        synchronized (this) {
            this.end = then;
            if (earlyOutput != null || earlyError != null) {
                worker.execute(() -> then.accept(earlyOutput, earlyError));
                return;
            }
        }
        if (timeoutSeconds != null) {
            timeout = timers.schedule(() -> expire(ErrorNames.TIMEOUT), timeoutSeconds, TimeUnit.SECONDS);
        }
        scheduleHeartbeat();
        // stopped on the worker a sent token resumes on: on a virtual clock, one the clock observes, so a failed
        // sibling ends the fan-out without anyone moving the clock
        Runnable forget = StoppableDelay.whenStopped(scope, worker, this::stop);
        forgetStop = forget;
        if (ended.get()) { // it ended while the stop was being registered: finish() may not have seen it
            forget.run();
        }
    }

    /**
     * The run was stopped (a sibling of its Parallel or Map failed): the Task waits no more, its token answers
     * nothing, and the waiting Task gets neither output nor error; its route sees the run finished.
     */
    private void stop() {
        tokens.forget(token);
        finish(null, null, TaskCompletions.RUN_STOPPED);
    }

    /** The call failed: the token answers nothing. */
    public void abandon() {
        tokens.forget(token);
        if (ended.compareAndSet(false, true)) {
            tellEnd(TaskCompletions.CALL_FAILED);
        }
    }

    @Override
    public void succeeded(JsonNode output) {
        finish(output, null, TaskCompletions.SEND_TASK_SUCCESS);
    }

    @Override
    public void failed(String error, String cause) {
        finish(null, new AslError(error, cause), TaskCompletions.SEND_TASK_FAILURE);
    }

    @Override
    public void executionEnded() {
        finish(null, new AslError(ErrorNames.RUNTIME, "the execution ended while the task waited"),
                TaskCompletions.EXECUTION_ENDED);
    }

    @Override
    public void completed(JsonNode output, String error, String cause) {
        finish(output, error == null ? null : new AslError(error, cause), null);
    }

    @Override
    public void onEnd(java.util.function.Consumer<String> listener) {
        String reason;
        synchronized (this) {
            if (!endTold) {
                endListeners.add(listener);
                return;
            }
            reason = endReason;
        }
        if (reason != null) {
            listener.accept(reason);
        }
    }

    /** Tells the end listeners why the wait ended (a null reason, the connector's own end, tells none). */
    private void tellEnd(String reason) {
        java.util.List<java.util.function.Consumer<String>> listeners;
        synchronized (this) {
            endReason = reason;
            endTold = true;
            listeners = java.util.List.copyOf(endListeners);
            endListeners.clear();
        }
        if (reason == null) {
            return;
        }
        for (java.util.function.Consumer<String> listener : listeners) {
            try {
                listener.accept(reason);
            } catch (RuntimeException e) {
                // a connector that cannot stop its job must not keep the execution from going on
                org.slf4j.LoggerFactory.getLogger(TokenWait.class).warn("A task's end listener failed: {}",
                        e.toString());
            }
        }
    }

    @Override
    public void started(String workerName) {
        java.util.function.Consumer<String> started = onStarted;
        if (started != null && !ended.get()) {
            onStarted = null;
            started.accept(workerName);
        }
    }

    @Override
    public void heartbeat() {
        ScheduledFuture<?> previous = heartbeat;
        if (previous != null) {
            previous.cancel(false);
        }
        scheduleHeartbeat();
    }

    private void scheduleHeartbeat() {
        if (heartbeatSeconds != null && !ended.get()) {
            heartbeat = timers.schedule(() -> expire(ErrorNames.HEARTBEAT_TIMEOUT), heartbeatSeconds, TimeUnit.SECONDS);
        }
    }

    private void expire(String error) {
        tokens.forget(token);
        finish(null, new AslError(error, null), error);
    }

    private void finish(JsonNode output, AslError error, String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        tellEnd(reason);
        Runnable forget = forgetStop;
        if (forget != null) {
            forget.run();
        }
        for (ScheduledFuture<?> timer : new ScheduledFuture<?>[] {timeout, heartbeat}) {
            if (timer != null) {
                timer.cancel(false);
            }
        }
        BiConsumer<JsonNode, AslError> then;
        synchronized (this) {
            then = end;
            if (then == null) { // answered before the call returned: await() delivers it
                earlyOutput = output;
                earlyError = error;
                return;
            }
        }
        // whoever ended it (a sender's thread, a timer) only hands off: the execution goes on on a worker
        worker.execute(() -> then.accept(output, error));
    }
}
