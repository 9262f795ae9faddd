package io.github.camelasl.nested;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.ExecutionStatus;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.TaskCompletions;
import io.github.camelasl.store.ExecutionRecord;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;

/**
 * Child executions that Tasks start on state machines deployed in the same CamelContext: starting one (bounded in
 * depth, so that a machine starting itself ends), following a {@code .sync} one to its end, and rendering it as
 * DescribeExecution in AWS's member names. One per CamelContext.
 */
final class ChildExecutions {

    /**
     * How deep a chain of executions started by Tasks may go here. AWS documents no such limit (its account-wide
     * quotas and billing bound a machine that starts itself); here one would fill the store and the JVM, so the
     * start that would go deeper fails with ExecutionLimitExceeded.
     */
    static final int MAX_DEPTH = 100;
    /** How often a followed child that does not run in this JVM (not resumed yet, waiting out of memory) is read. */
    static final long POLL_MILLIS = 500;
    /** How long a resumed .sync Task waits for its child's state machine to be deployed again before it fails. */
    static final long MACHINE_GONE_MILLIS = 60_000;

    /** The longest cause AWS keeps (SendTaskFailure's, an execution's): 32,768 characters. */
    static final int MAX_CAUSE = 32_768;

    private final CamelContext camelContext;
    /** MACHINE:NAME to how deep it is, for the executions started by Tasks that still run (1 for a child). */
    private final Map<String, Integer> depths = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService polls;

    private ChildExecutions(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    static ChildExecutions of(CamelContext camelContext) {
        synchronized (ChildExecutions.class) {
            ChildExecutions children = camelContext.getCamelContextExtension().getContextPlugin(ChildExecutions.class);
            if (children == null) {
                children = new ChildExecutions(camelContext);
                camelContext.getCamelContextExtension().addContextPlugin(ChildExecutions.class, children);
            }
            return children;
        }
    }

    /**
     * Starts an execution of {@code runtime}'s machine for the Task of execution {@code parentArn}, as StartExecution
     * does (it runs on a worker; the answer comes once the store holds it).
     *
     * @throws AslError ExecutionLimitExceeded past {@link #MAX_DEPTH}; the runtime's own refusals (InvalidName,
     *                  ExecutionAlreadyExists, States.DataLimitExceeded)
     */
    StateMachineRuntime.Started start(StateMachineRuntime runtime, String parentArn, JsonNode input, String name) {
        int depth = parentArn == null ? 1 : depths.getOrDefault(depthKey(parentArn), 0) + 1;
        if (depth > MAX_DEPTH) {
            throw new AslError("ExecutionLimitExceeded", "Execution Limit Exceeded: execution " + parentArn + " is "
                    + (depth - 1) + " executions started by Tasks deep, and this engine stops such a chain at "
                    + MAX_DEPTH + " (a state machine that starts itself without end?)");
        }
        // named here, and its depth known before it runs: it may start its own child before begin() returns
        String executionName = name != null ? name : java.util.UUID.randomUUID().toString();
        String key = runtime.config().name() + ":" + executionName;
        depths.put(key, depth);
        StateMachineRuntime.Started started;
        try {
            started = runtime.begin(input, executionName, Map.of(), List.of(), true);
        } catch (RuntimeException e) {
            depths.remove(key, depth);
            throw e;
        }
        started.completion().whenComplete((result, failure) -> depths.remove(key, depth));
        return started;
    }

    /**
     * MACHINE:NAME of an execution ARN ({@code ...:execution:MACHINE:NAME} or {@code ...:express:MACHINE:NAME:ID}):
     * known before the execution starts, which an EXPRESS one's ARN is not.
     */
    private static String depthKey(String executionArn) {
        String[] parts = executionArn.split(":", -1);
        return parts.length >= 8 ? parts[6] + ":" + parts[7] : executionArn;
    }

    /**
     * Follows child {@code executionArn} for the .sync Task waiting on {@code token}: when it ends, the Task succeeds
     * with its DescribeExecution ({@code parsed}: Input and Output as JSON, {@code .sync:2}) or fails with
     * States.TaskFailed, that DescribeExecution as the cause. A Task that stops waiting (timed out, its execution
     * stopped) stops the child, as AWS does.
     *
     * @param completion the child's result when it was just started here; null to find it (after a restart)
     */
    void follow(String executionArn, String token, boolean parsed, CompletableFuture<ExecutionResult> completion) {
        follower(token, parsed).follow(executionArn, completion);
    }

    /**
     * A follower for the .sync Task waiting on {@code token}, listening for the Task's end before its child starts:
     * a child that answers the token at once (SendTaskSuccess) must not be taken for a Task that stopped waiting.
     */
    Follower follower(String token, boolean parsed) {
        return new Follower(token, parsed);
    }

    /** See {@link #follower}. */
    final class Follower {
        private final String token;
        private final boolean parsed;
        private String executionArn; // guarded by this
        private String endReason; // guarded by this: the Task's end, told before the child was known

        private Follower(String token, boolean parsed) {
            this.token = token;
            this.parsed = parsed;
            TaskCompletions.of(camelContext).onEnd(token, this::ended);
        }

        private void ended(String reason) {
            String arn;
            synchronized (this) {
                if (executionArn == null) {
                    endReason = reason;
                    return;
                }
                arn = executionArn;
            }
            stopUnlessAnswered(arn, reason);
        }

        /** The child started (or, resumed, was started before): follow it to its end. */
        void follow(String childArn, CompletableFuture<ExecutionResult> completion) {
            String reason;
            synchronized (this) {
                executionArn = childArn;
                reason = endReason;
            }
            if (reason != null) { // the Task stopped waiting already: nothing to report
                stopUnlessAnswered(childArn, reason);
            } else if (completion != null) {
                whenEnded(completion, childArn, token, parsed, 0);
            } else {
                poll(childArn, token, parsed, 0);
            }
        }
    }

    /** The Task stopped waiting: unless the token was answered (the child goes on, as on AWS), the child stops. */
    private void stopUnlessAnswered(String executionArn, String reason) {
        if (!TaskCompletions.SEND_TASK_SUCCESS.equals(reason) && !TaskCompletions.SEND_TASK_FAILURE.equals(reason)
                && !TaskCompletions.CALL_FAILED.equals(reason)) {
            stop(executionArn, reason);
        }
    }

    private void whenEnded(CompletableFuture<ExecutionResult> completion, String executionArn, String token,
            boolean parsed, long waitedForMachine) {
        completion.whenComplete((result, failure) -> {
            if (failure != null) { // suspended here (the store failed): it resumes later, read it from the store
                schedule(() -> poll(executionArn, token, parsed, waitedForMachine));
            } else {
                report(executionArn, token, parsed, waitedForMachine);
            }
        });
    }

    /** Where the child is now: running here (wait for it), ended (report it), or neither yet (read it again). */
    private void poll(String executionArn, String token, boolean parsed, long waitedForMachine) {
        TaskCompletions completions = TaskCompletions.of(camelContext);
        if (!completions.waiting(token)) {
            return; // the Task ended otherwise: nothing to report
        }
        StateMachineRuntime runtime = io.github.camelasl.engine.DeployedStateMachines.of(camelContext)
                .forExecution(executionArn).orElse(null);
        if (runtime == null) {
            if (waitedForMachine >= MACHINE_GONE_MILLIS) {
                fail(token, "States.TaskFailed", "The state machine of child execution " + executionArn + " is not "
                        + "deployed in this application any more: it cannot be followed");
                return;
            }
            schedule(() -> poll(executionArn, token, parsed, waitedForMachine + POLL_MILLIS));
            return;
        }
        CompletableFuture<ExecutionResult> live = runtime.completionOf(executionArn).orElse(null);
        if (live != null) {
            whenEnded(live, executionArn, token, parsed, 0);
            return;
        }
        ExecutionRecord record = runtime.store().find(executionArn).orElse(null);
        if (record == null) {
            fail(token, "States.TaskFailed", "Execution Does Not Exist: '" + executionArn + "'");
        } else if (record.status() == ExecutionStatus.RUNNING) {
            schedule(() -> poll(executionArn, token, parsed, 0));
        } else {
            report(executionArn, token, parsed, 0);
        }
    }

    /** The child ended: the Task succeeds or fails with its DescribeExecution. */
    private void report(String executionArn, String token, boolean parsed, long waitedForMachine) {
        StateMachineRuntime runtime = io.github.camelasl.engine.DeployedStateMachines.of(camelContext)
                .forExecution(executionArn).orElse(null);
        ExecutionRecord record = runtime == null ? null : runtime.store().find(executionArn).orElse(null);
        if (record == null || record.status() == ExecutionStatus.RUNNING) {
            // not in the store as ended (an EXPRESS store that forgot it, an end it could not commit)
            if (record == null && runtime != null) {
                fail(token, "States.TaskFailed", "Execution Does Not Exist: '" + executionArn + "'");
            } else {
                schedule(() -> poll(executionArn, token, parsed, waitedForMachine));
            }
            return;
        }
        ObjectNode described = describe(record, parsed, true);
        if (record.status() == ExecutionStatus.SUCCEEDED) {
            succeed(token, described);
        } else {
            fail(token, "States.TaskFailed", Json.write(described));
        }
    }

    private void succeed(String token, JsonNode output) {
        try {
            TaskCompletions.of(camelContext).succeed(token, output);
        } catch (AslError gone) {
            // the Task stopped waiting meanwhile (timed out, answered by SendTaskSuccess): nothing to tell
        }
    }

    private void fail(String token, String error, String cause) {
        try {
            TaskCompletions.of(camelContext).fail(token, error, cause);
        } catch (AslError gone) {
            // as above
        }
    }

    /** AWS stops a .sync child whose parent's Task timed out or whose parent stopped. */
    private void stop(String executionArn, String reason) {
        io.github.camelasl.engine.DeployedStateMachines.of(camelContext).forExecution(executionArn)
                .filter(runtime -> !runtime.config().express())
                .ifPresent(runtime -> {
                    try {
                        runtime.stop(executionArn, null, "The Task of its parent execution that started it ended: "
                                + reason);
                    } catch (RuntimeException e) {
                        // gone already, or its store cannot be written now: it ends on its own
                    }
                });
    }

    private void schedule(Runnable poll) {
        ScheduledExecutorService pool = polls;
        if (pool == null) {
            synchronized (this) {
                if (polls == null) {
                    polls = camelContext.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                            "asl-child-executions");
                }
                pool = polls;
            }
        }
        pool.schedule(poll, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * DescribeExecution in AWS's member names (PascalCase), as Step Functions puts it in a Task's result.
     *
     * @param parsed    Input and Output as JSON ({@code .sync:2}) rather than JSON text
     * @param epochMillis dates as epoch milliseconds (the optimized integration's AWS SDK v1 rendering) rather than
     *                  ISO-8601 text (the aws-sdk integration's)
     */
    static ObjectNode describe(ExecutionRecord record, boolean parsed, boolean epochMillis) {
        ObjectNode out = Json.NODES.objectNode(); // AWS's members in alphabetical order, as it writes them
        if (record.cause() != null) {
            // AWS's limit on a cause: a chain of failed children nests each cause in the next, escaped again
            out.put("Cause", record.cause().length() <= MAX_CAUSE ? record.cause()
                    : record.cause().substring(0, MAX_CAUSE));
        }
        if (record.error() != null) {
            out.put("Error", record.error());
        }
        out.put("ExecutionArn", record.executionArn());
        payload(out, "Input", record.input(), parsed);
        out.put("Name", record.name());
        if (record.output() != null) {
            payload(out, "Output", record.output(), parsed);
        }
        out.put("RedriveCount", record.redriveCount());
        if (record.redriveDate() != null) {
            date(out, "RedriveDate", record.redriveDate(), epochMillis);
        }
        out.put("RedriveStatus", record.redrivable() ? "REDRIVABLE" : "NOT_REDRIVABLE");
        if (!record.redrivable()) {
            out.put("RedriveStatusReason", record.status() == ExecutionStatus.RUNNING ? "Execution is RUNNING"
                    : "Execution is " + record.status() + " and cannot be redriven");
        }
        date(out, "StartDate", record.startDate(), epochMillis);
        out.put("StateMachineArn", record.stateMachineArn());
        out.put("Status", record.status().name());
        if (record.stopDate() != null) {
            date(out, "StopDate", record.stopDate(), epochMillis);
        }
        return out;
    }

    private static void payload(ObjectNode out, String field, JsonNode value, boolean parsed) {
        JsonNode given = value == null ? Json.NODES.objectNode() : value;
        if (parsed) {
            out.set(field, given.deepCopy());
        } else {
            out.put(field, Json.write(given));
        }
        out.putObject(field + "Details").put("Included", true);
    }

    static void date(ObjectNode out, String field, Instant instant, boolean epochMillis) {
        if (epochMillis) {
            out.put(field, instant.toEpochMilli());
        } else {
            out.put(field, DateTimeFormatter.ISO_INSTANT.format(instant));
        }
    }
}
