package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;

/**
 * How a connector ends a {@code .sync} or {@code .sync:2} Task when the job it started ends. Such a Task is a
 * callback Task, as a {@code .waitForTaskToken} one is: the engine hands out {@code $$.Task.Token} and calls the
 * endpoint with it in header {@code CamelAslTaskToken}; the endpoint starts the job and replies (its reply is
 * TaskSubmitted's output); then the Task waits, holding no thread, under its TimeoutSeconds and HeartbeatSeconds,
 * until the connector calls {@link #succeed} or {@link #fail} with the token (or someone calls SendTaskSuccess with
 * it, as AWS allows). After a restart of a durable execution that waited, the engine calls the endpoint again with
 * header {@code CamelAslTaskResumed} = true and the recorded TaskSubmitted output as the body: the connector follows
 * the job it started, and starts nothing; that reply is ignored.
 *
 * <p>One per CamelContext, over the tokens of every state machine deployed there.
 */
public final class TaskCompletions {

    /** {@link #onEnd} reason: the Task's TimeoutSeconds ran out (AWS stops the job). */
    public static final String TIMED_OUT = ErrorNames.TIMEOUT;
    /** {@link #onEnd} reason: no heartbeat within HeartbeatSeconds (AWS stops the job). */
    public static final String HEARTBEAT_TIMED_OUT = ErrorNames.HEARTBEAT_TIMEOUT;
    /** {@link #onEnd} reason: its execution ended while the Task waited (stopped, timed out: stop the job). */
    public static final String EXECUTION_ENDED = "ExecutionEnded";
    /** {@link #onEnd} reason: a failed sibling of its Parallel or Map stopped the run it waited in. */
    public static final String RUN_STOPPED = "RunStopped";
    /** {@link #onEnd} reason: SendTaskSuccess with the token answered it (the job goes on, as on AWS). */
    public static final String SEND_TASK_SUCCESS = "SendTaskSuccess";
    /** {@link #onEnd} reason: SendTaskFailure with the token answered it. */
    public static final String SEND_TASK_FAILURE = "SendTaskFailure";
    /** {@link #onEnd} reason: the endpoint's call itself failed (the Task's Retry or Catch decides). */
    public static final String CALL_FAILED = "CallFailed";

    private final List<TaskTokens> tokens = new CopyOnWriteArrayList<>();

    TaskCompletions() {
    }

    /** The context's, made at its first use. */
    public static TaskCompletions of(CamelContext camelContext) {
        Objects.requireNonNull(camelContext, "camelContext");
        synchronized (TaskCompletions.class) {
            TaskCompletions completions = camelContext.getCamelContextExtension()
                    .getContextPlugin(TaskCompletions.class);
            if (completions == null) {
                completions = new TaskCompletions();
                camelContext.getCamelContextExtension().addContextPlugin(TaskCompletions.class, completions);
            }
            return completions;
        }
    }

    /** The tokens of state machines deployed in this context (each deployer's, once). */
    public void add(TaskTokens taskTokens) {
        if (taskTokens != null && tokens.stream().noneMatch(t -> t == taskTokens)) {
            tokens.add(taskTokens);
        }
    }

    /** The job succeeded: the Task's result is {@code output}. */
    public void succeed(String token, JsonNode output) {
        holder(token).complete(token, Objects.requireNonNull(output, "output"), null, null);
    }

    /** The job failed: the Task fails with {@code error} and {@code cause}, for its Retry and Catch. */
    public void fail(String token, String error, String cause) {
        holder(token).complete(token, null, Objects.requireNonNull(error, "error"), cause);
    }

    /** The job is alive: the Task's HeartbeatSeconds start again. */
    public void heartbeat(String token) {
        holder(token).sendHeartbeat(token);
    }

    /** Whether a Task still waits for {@code token}. */
    public boolean waiting(String token) {
        return tokens.stream().anyMatch(t -> t.waiting(token));
    }

    /**
     * Tells {@code reason} once, with one of this class's reasons, when the Task waiting for {@code token} stops
     * waiting for another reason than this class's {@link #succeed} or {@link #fail}: so that the connector stops
     * following the job and, on a timeout or a stop, stops the job as AWS does. Told at once (with
     * {@link #EXECUTION_ENDED}) when no Task waits for the token any more.
     */
    public void onEnd(String token, Consumer<String> reason) {
        for (TaskTokens t : tokens) {
            TaskTokens.Waiter waiter = t.waiter(token);
            if (waiter != null) {
                waiter.onEnd(reason);
                return;
            }
        }
        reason.accept(EXECUTION_ENDED);
    }

    /**
     * The tokens a Task waits on {@code token} in, for AWS's SendTask* (the {@code aws-sdk:sfn} actions), whose
     * answer tells the {@link #onEnd} listeners; null when no Task waits for it here.
     */
    public TaskTokens holding(String token) {
        return tokens.stream().filter(t -> t.waiting(token)).findFirst().orElse(null);
    }

    /** @throws AslError TaskDoesNotExist when no Task waits for the token */
    private TaskTokens holder(String token) {
        for (TaskTokens t : tokens) {
            if (t.waiting(token)) {
                return t;
            }
        }
        throw new AslError("TaskDoesNotExist", "Task Does Not Exist: no task waits for this token (it ended, "
                + "timed out, or its execution stopped)");
    }
}
