package io.github.camelasl.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.ExecutionOperations;
import io.github.camelasl.ExecutionShapes;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ExecutionResult;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.engine.TaskTokens;
import io.github.camelasl.store.ExecutionRecord;
import io.github.camelasl.store.ExecutionStore;
import java.util.List;
import java.util.Map;

/**
 * The actions on executions: StartExecution, StartSyncExecution, DescribeExecution, ListExecutions,
 * GetExecutionHistory, StopExecution, RedriveExecution and the task callbacks. They run the asl: endpoint's
 * operations ({@link ExecutionOperations}) on the runtime of the state machine the request names.
 */
final class ExecutionActions {

    private final StateMachineRegistry stateMachines;
    private final ExecutionStore store;
    private final TaskTokens tokens;

    ExecutionActions(StateMachineRegistry stateMachines, ExecutionStore store, TaskTokens tokens) {
        this.stateMachines = stateMachines;
        this.store = store;
        this.tokens = tokens;
    }

    ObjectNode start(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "stateMachineArn");
        return stateMachines.startUnlessDeleting(machineArn(arn), () -> {
            StateMachineRuntime runtime = runtimeOf(arn);
            // no caller header goes on to the Tasks: an execution started through the API has none
            StateMachineRuntime.Started started = runtime.begin(input(request),
                    ApiRequests.optionalText(request, "name"), Map.of(), List.of(), true);
            return ExecutionOperations.started(started.executionArn(), started.startDate());
        });
    }

    /** EXPRESS only, as on AWS; answers when the execution ends, whatever its status. */
    /**
     * Answers when the execution ends, without holding the HTTP server's thread meanwhile: called on a route, that
     * thread is one of Camel's reactive workers, which runs the execution's own route hops (a Task's) only once the
     * action has returned.
     */
    java.util.concurrent.CompletionStage<JsonNode> startSync(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "stateMachineArn");
        StateMachineRuntime runtime = runtimeOf(arn);
        if (!runtime.config().express()) {
            throw new AslError("StateMachineTypeNotSupported", "This operation is not supported by STANDARD state "
                    + "machines: '" + arn + "'");
        }
        JsonNode input = input(request);
        return runtime.begin(input, ApiRequests.optionalText(request, "name"), Map.of(), List.of(), false)
                .completion().thenApply(result -> ExecutionOperations.syncResult(runtime, result, input));
    }

    /** From the store: a state machine deleted or updated since does not hide its executions. */
    ObjectNode describe(JsonNode request) {
        String arn = executionArn(request);
        return ExecutionShapes.describe(store.find(arn).orElseThrow(() -> doesNotExist(arn)));
    }

    /**
     * The state machine as the execution runs it: the definition and role it started with (an update since does not
     * change them), as AWS answers.
     */
    ObjectNode describeStateMachineForExecution(JsonNode request) {
        String arn = executionArn(request);
        StateMachineRegistry.StateMachine machine = machineOfExecution(arn);
        ExecutionRecord record = store.find(arn).orElseThrow(() -> doesNotExist(arn));
        StateMachineRuntime runtime = machine.runtimeFor(record.definition());
        ObjectNode out = Json.NODES.objectNode();
        out.put("stateMachineArn", machine.arn());
        out.put("name", machine.name());
        // the record's own copy: right even when no runtime of this machine has that definition any more
        out.put("definition", record.definition() != null ? record.definition() : runtime.definition());
        out.put("roleArn", runtime.config().roleArn());
        out.put("updateDate", ExecutionShapes.date(machine.creationDate()));
        out.putObject("loggingConfiguration").put("level", "OFF").put("includeExecutionData", false);
        out.putObject("tracingConfiguration").put("enabled", false);
        return out;
    }

    ObjectNode list(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "stateMachineArn");
        if (StateMachineVersions.qualified(arn)) {
            // executions record their state machine, not the version or alias they ran: listing the state
            // machine's would answer executions of other versions
            throw ApiRequests.validation("stateMachineArn", "ListExecutions of a version or alias ARN is not "
                    + "supported by this server yet: give the state machine's ARN");
        }
        return ExecutionOperations.list(stateMachines.find(arn).runtime(), request);
    }

    ObjectNode history(JsonNode request) {
        return ExecutionOperations.history(runtimeOfExecution(request), request);
    }

    ObjectNode stop(JsonNode request) {
        return ExecutionOperations.stop(runtimeOfExecution(request), request);
    }

    ObjectNode redrive(JsonNode request) {
        // a redriven execution would run again on routes that go once the running ones end
        return stateMachines.startUnlessDeleting(machineOfExecution(executionArn(request)).arn(),
                () -> ExecutionOperations.redrive(runtimeOfExecution(request), request, List.of()));
    }

    ObjectNode sendTaskSuccess(JsonNode request) {
        return answerTask(ExecutionOperations.Operation.sendTaskSuccess, request);
    }

    ObjectNode sendTaskFailure(JsonNode request) {
        return answerTask(ExecutionOperations.Operation.sendTaskFailure, request);
    }

    ObjectNode sendTaskHeartbeat(JsonNode request) {
        return answerTask(ExecutionOperations.Operation.sendTaskHeartbeat, request);
    }

    private ObjectNode answerTask(ExecutionOperations.Operation operation, JsonNode request) {
        ApiRequests.requiredText(request, "taskToken");
        return ExecutionOperations.answerTask(tokens, operation, request);
    }

    /** The runtime new executions of {@code stateMachineArn} (or of its version or alias) run on. */
    private StateMachineRuntime runtimeOf(String stateMachineArn) {
        stateMachines.checkNotDeleting(machineArn(stateMachineArn));
        if (StateMachineVersions.qualified(stateMachineArn)) {
            try {
                return stateMachines.versions().runtime(stateMachineArn);
            } catch (AslError e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the version's definition did not deploy again", e);
            }
        }
        return stateMachines.find(stateMachineArn).runtime();
    }

    /** The state machine's ARN, without the version number or alias name a qualified one ends with. */
    private static String machineArn(String stateMachineArn) {
        return StateMachineVersions.qualified(stateMachineArn)
                ? stateMachineArn.substring(0, stateMachineArn.lastIndexOf(':')) : stateMachineArn;
    }

    /**
     * The runtime of the state machine an execution ARN names (arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME),
     * for the definition the execution started with; ExecutionDoesNotExist when its state machine is gone.
     */
    private StateMachineRuntime runtimeOfExecution(JsonNode request) {
        String arn = executionArn(request);
        StateMachineRegistry.StateMachine machine = machineOfExecution(arn);
        String startedWith = store.find(arn).map(ExecutionRecord::definition).orElse(null);
        return machine.runtimeFor(startedWith);
    }

    /** The state machine an execution ARN names; ExecutionDoesNotExist when it is gone. */
    private StateMachineRegistry.StateMachine machineOfExecution(String arn) {
        String[] parts = arn.split(":", -1);
        if (parts.length != 8 || !parts[0].equals("arn") || !parts[2].equals("states")
                || !(parts[5].equals("execution") || parts[5].equals("express"))) {
            throw new AslError("InvalidArn", "Invalid Arn: '" + arn + "'");
        }
        String machineArn = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "stateMachine",
                parts[6]);
        return stateMachines.findIfPresent(machineArn).orElseThrow(() -> doesNotExist(arn));
    }

    private static String executionArn(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "executionArn");
        StateMachineRegistry.checkArn(arn, null);
        return arn;
    }

    /** AWS's input: JSON text, "{}" when absent. */
    private static JsonNode input(JsonNode request) {
        String text = ApiRequests.optionalText(request, "input");
        if (text == null) {
            return Json.NODES.objectNode();
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new AslError("InvalidExecutionInput", "Invalid State Machine Execution Input: '"
                    + e.getOriginalMessage() + "'");
        }
    }

    private static AslError doesNotExist(String executionArn) {
        return new AslError("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
    }
}
