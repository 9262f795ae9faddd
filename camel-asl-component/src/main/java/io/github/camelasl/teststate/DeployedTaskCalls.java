package io.github.camelasl.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.model.TaskState;
import io.github.camelasl.validation.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Calls a Task's Resource as a run would: a state machine of that one Task (its Resource, TimeoutSeconds,
 * HeartbeatSeconds and Credentials; the dataflow around the call is TestState's) is deployed through the
 * deployer, so the resource mappings, the connectors and the resource policy decide what it may call, run once
 * as an EXPRESS execution in a store that keeps nothing, and undeployed.
 */
public final class DeployedTaskCalls implements TaskCalls {

    /** AWS: "The TestState API can run for up to five minutes", then States.Timeout. */
    static final long MAX_CALL_SECONDS = 300;

    private static final AtomicLong CALLS = new AtomicLong();

    private final AslDeployer deployer;
    private final StateMachineConfig config;

    /**
     * @param deployer the deployer whose resolvers and policy decide what the Task may call (its store is not
     *                 used: see {@link AslDeployer#withStore})
     * @param config   region, account and role of the test; its name and type are replaced
     */
    public DeployedTaskCalls(AslDeployer deployer, StateMachineConfig config) {
        this.deployer = deployer.withStore(new ForgettingStore());
        this.config = config;
    }

    @Override
    public JsonNode call(TaskState state, JsonNode request) {
        StateMachineConfig oneTask = new StateMachineConfig("TestState-" + CALLS.incrementAndGet(), "EXPRESS",
                config.partition(), config.region(), config.accountId(), config.roleArn());
        StateMachineRuntime runtime;
        try {
            runtime = deployer.deploy("TestState of state '" + state.common().name() + "'", definition(state), oneTask);
        } catch (AslValidationException e) {
            throw new Refused("InvalidDefinition", "Invalid State Machine Definition: '" + e.diagnostics().stream()
                    .map(DeployedTaskCalls::awsText).collect(Collectors.joining(", ")) + "'");
        } catch (Exception e) {
            throw new AslError(ErrorNames.TASK_FAILED, "The Task's resource could not "
                    + "be deployed: " + e.getMessage());
        }
        try {
            ExecutionResult result = runOnItsOwnThread(runtime, request).get(MAX_CALL_SECONDS, TimeUnit.SECONDS);
            if (result.succeeded()) {
                return result.output();
            }
            throw new AslError(result.error(), result.cause());
        } catch (TimeoutException e) {
            throw new AslError(ErrorNames.TIMEOUT, "TestState ran for "
                    + MAX_CALL_SECONDS + " seconds, the most AWS allows");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AslError(ErrorNames.TASK_FAILED, "interrupted");
        } catch (ExecutionException e) {
            // refused before it ran (an input over the execution limits, say): the engine's error, as a run's
            if (e.getCause() instanceof AslError error) {
                throw error;
            }
            throw new AslError(ErrorNames.TASK_FAILED, String.valueOf(e.getCause().getMessage()));
        } finally {
            try {
                runtime.undeploy();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(DeployedTaskCalls.class).warn("could not undeploy {}",
                        oneTask.stateMachineArn(), e);
            }
        }
    }

    /**
     * Starts the execution on a thread of its own: called from a route (the API server's), this thread is one of
     * Camel's reactive workers, which would only queue the Task's route hop behind the wait for its result.
     */
    private static CompletableFuture<ExecutionResult> runOnItsOwnThread(StateMachineRuntime runtime, JsonNode input) {
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                runtime.begin(input, null, Map.of(), List.of(), false).completion().whenComplete((done, failure) -> {
                    if (failure != null) {
                        result.completeExceptionally(failure);
                    } else {
                        result.complete(done);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "asl-test-state-" + runtime.config().name());
        caller.setDaemon(true);
        caller.start();
        return result;
    }

    /** The one-Task machine: the call's own fields only, so that the request goes to the Resource as it is. */
    static String definition(TaskState state) {
        ObjectNode task = Json.NODES.objectNode();
        task.put("Type", "Task");
        task.put("Resource", state.resource());
        if (state.timeoutSeconds() != null && state.timeoutSeconds().isNumber()) {
            task.set("TimeoutSeconds", state.timeoutSeconds());
        }
        if (state.heartbeatSeconds() != null && state.heartbeatSeconds().isNumber()) {
            task.set("HeartbeatSeconds", state.heartbeatSeconds());
        }
        if (state.credentials() != null) {
            task.set("Credentials", state.credentials());
        }
        task.put("End", true);
        ObjectNode machine = Json.NODES.objectNode();
        machine.put("StartAt", "Call");
        machine.putObject("States").set("Call", task);
        return Json.write(machine);
    }

    private static String awsText(Diagnostic diagnostic) {
        return diagnostic.code() + ": " + diagnostic.message();
    }
}
