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
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.mock.MockTestCase;
import io.github.camelasl.mock.MockedExecution;
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
    private volatile MockConfig mockConfig;

    ExecutionActions(StateMachineRegistry stateMachines, ExecutionStore store, TaskTokens tokens) {
        this.stateMachines = stateMachines;
        this.store = store;
        this.tokens = tokens;
    }

    ObjectNode start(JsonNode request) {
        MockedArn requested = MockedArn.of(ApiRequests.requiredText(request, "stateMachineArn"));
        return stateMachines.startUnlessDeleting(machineArn(requested.stateMachineArn()), () -> {
            StateMachineVersions.Target target = targetOf(requested.stateMachineArn());
            MockedExecution mocks = mocks(requested);
            // no caller header goes on to the Tasks: an execution started through the API has none
            StateMachineRuntime.Started started = target.runtime().begin(input(request),
                    ApiRequests.optionalText(request, "name"), Map.of(), List.of(), true, mocks);
            keepStartedThrough(started, target);
            return ExecutionOperations.started(started.executionArn(), started.startDate());
        });
    }

    /**
     * EXPRESS only, as on AWS; answers when the execution ends, whatever its status, without holding the HTTP
     * server's thread meanwhile: called on a route, that thread is one of Camel's reactive workers, which runs the
     * execution's own route hops (a Task's) only once the action has returned.
     */
    java.util.concurrent.CompletionStage<JsonNode> startSync(JsonNode request) {
        MockedArn requested = MockedArn.of(ApiRequests.requiredText(request, "stateMachineArn"));
        String arn = requested.stateMachineArn();
        StateMachineVersions.Target target = targetOf(arn);
        StateMachineRuntime runtime = target.runtime();
        if (!runtime.config().express()) {
            throw new AslError("StateMachineTypeNotSupported", "This operation is not supported by STANDARD state "
                    + "machines: '" + arn + "'");
        }
        MockedExecution mocks = mocks(requested);
        JsonNode input = input(request);
        StateMachineRuntime.Started started = runtime.begin(input, ApiRequests.optionalText(request, "name"),
                Map.of(), List.of(), false, mocks);
        keepStartedThrough(started, target);
        return started.completion().thenApply(result -> ExecutionOperations.syncResult(runtime, result, input));
    }

    /** The version and alias an execution was started through, for DescribeExecution and ListExecutions. */
    private void keepStartedThrough(StateMachineRuntime.Started started, StateMachineVersions.Target target) {
        if (target.startedThrough() != null) {
            store.putStartedThrough(started.executionArn(), target.startedThrough());
        }
    }

    /** The mocks the server runs StartExecution's {@code #TestCase} with (SFN_MOCK_CONFIG, --mock-config), or null. */
    void mockConfig(MockConfig mockConfig) {
        this.mockConfig = mockConfig;
    }

    /**
     * A fresh run of the test case a StartExecution names, or null for none. An unknown one is InvalidName, as
     * LocalStack answers it (Step Functions Local's own answer is not documented).
     */
    private MockedExecution mocks(MockedArn requested) {
        if (requested.testCase() == null) {
            return null;
        }
        String machine = StateMachineRegistry.nameOf(requested.stateMachineArn());
        String problem;
        MockConfig config = mockConfig;
        if (config == null) {
            problem = "no mock configuration was given to the server (SFN_MOCK_CONFIG, or asl serve --mock-config)";
        } else if (!config.testCaseNames().containsKey(machine)) {
            problem = "the mock configuration has no state machine '" + machine + "' in StateMachines";
        } else {
            MockTestCase testCase = config.testCase(machine, requested.testCase()).orElse(null);
            if (testCase != null) {
                return testCase.newExecution();
            }
            problem = "the mock configuration has no test case '" + requested.testCase() + "' in its TestCases";
        }
        throw new AslError("InvalidName", "Invalid mock test case name '" + requested.testCase()
                + "' for state machine '" + machine + "': " + problem);
    }

    /**
     * A state machine ARN as StartExecution takes it, with Step Functions Local's suffix naming a mock test case:
     * {@code arn:aws:states:REGION:ACCOUNT:stateMachine:NAME#TEST_CASE}. The execution is the state machine's (its
     * ARN and DescribeExecution's stateMachineArn have no suffix, as Step Functions Local and LocalStack answer).
     */
    record MockedArn(String stateMachineArn, String testCase) {
        static MockedArn of(String arn) {
            int hash = arn.indexOf('#');
            if (hash < 0) {
                return new MockedArn(arn, null);
            }
            String testCase = arn.substring(hash + 1);
            if (testCase.isEmpty() || testCase.indexOf('#') >= 0) {
                throw new AslError("InvalidArn", "Invalid Arn: '" + arn + "'");
            }
            return new MockedArn(arn.substring(0, hash), testCase);
        }
    }

    /**
     * From the store: a state machine deleted or updated since does not hide its executions. As AWS: with the
     * stateMachineVersionArn it ran and the stateMachineAliasArn it was started through, when it was.
     */
    ObjectNode describe(JsonNode request) {
        String arn = executionArn(request);
        ObjectNode out = ExecutionShapes.describe(store.find(arn).orElseThrow(() -> doesNotExist(arn)));
        addStartedThrough(List.of(out));
        return out;
    }

    /** stateMachineVersionArn and stateMachineAliasArn on each execution (its executionArn) that has them. */
    private void addStartedThrough(List<ObjectNode> executions) {
        if (executions.isEmpty()) {
            return;
        }
        Map<String, ExecutionStore.StartedThrough> through = store.startedThrough(executions.stream()
                .map(e -> e.get("executionArn").textValue()).toList());
        for (ObjectNode execution : executions) {
            ExecutionStore.StartedThrough started = through.get(execution.get("executionArn").textValue());
            if (started != null) {
                execution.put("stateMachineVersionArn", started.versionArn());
                if (started.aliasArn() != null) {
                    execution.put("stateMachineAliasArn", started.aliasArn());
                }
            }
        }
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

    /**
     * The state machine's executions, whatever version they ran; of a version ARN, those that ran that version
     * (started on it or through an alias that picked it); of an alias ARN, those started through the alias.
     */
    ObjectNode list(JsonNode request) {
        String arn = ApiRequests.requiredText(request, "stateMachineArn");
        ObjectNode out;
        if (StateMachineVersions.qualified(arn)) {
            stateMachines.versions().checkExists(arn);
            StateMachineRuntime runtime = stateMachines.find(arn.substring(0, arn.lastIndexOf(':'))).runtime();
            out = ExecutionOperations.list(runtime, request, arn);
        } else {
            // a state machine being deleted still lists its executions
            out = ExecutionOperations.list(stateMachines.find(arn).runtime(), request);
        }
        List<ObjectNode> items = new java.util.ArrayList<>();
        out.withArray("executions").forEach(item -> items.add((ObjectNode) item));
        addStartedThrough(items);
        return out;
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

    /**
     * Ours, beyond AWS ({@code CamelAsl.RestartExecution}): a new execution of the state machine, on its current
     * definition, that starts in {@code stateName} with {@code input} (JSON text; by default the input that state
     * had in the earlier execution), linked to the earlier one. Answers as StartExecution, with
     * {@code restartedFrom}.
     */
    ObjectNode restart(JsonNode request) {
        String arn = executionArn(request);
        String stateName = ApiRequests.requiredText(request, "stateName");
        String inputText = ApiRequests.optionalText(request, "input");
        String name = ApiRequests.optionalText(request, "name");
        StateMachineRegistry.StateMachine machine = machineOfExecution(arn);
        // a new execution, as StartExecution's: none on a state machine being deleted
        return stateMachines.startUnlessDeleting(machine.arn(), () -> {
            StateMachineRuntime runtime = machine.runtime();
            store.find(arn).orElseThrow(() -> doesNotExist(arn));
            if (runtime.machine().state(stateName) == null) {
                throw ApiRequests.validation("stateName", "Member must name a top-level state of the state "
                        + "machine's current definition (" + String.join(", ", runtime.machine().states().keySet())
                        + "), but was '" + stateName + "'");
            }
            StateMachineRuntime.Started started = runtime.restart(arn, stateName,
                    inputText == null ? null : input(request), name, List.of());
            ObjectNode out = ExecutionOperations.started(started.executionArn(), started.startDate());
            out.putObject("restartedFrom").put("executionArn", arn).put("stateName", stateName);
            return out;
        });
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
        return targetOf(stateMachineArn).runtime();
    }

    /** The runtime a state machine, version or alias ARN runs executions on, and the version and alias if any. */
    private StateMachineVersions.Target targetOf(String stateMachineArn) {
        stateMachines.checkNotDeleting(machineArn(stateMachineArn));
        if (StateMachineVersions.qualified(stateMachineArn)) {
            try {
                return stateMachines.versions().target(stateMachineArn);
            } catch (AslError e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the version's definition did not deploy again", e);
            }
        }
        return new StateMachineVersions.Target(stateMachines.find(stateMachineArn).runtime(), null);
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

    /** DescribeMapRun, ListMapRuns and UpdateMapRun on this server's executions. */
    MapRunActions mapRuns() {
        return new MapRunActions(store, arn -> {
            StateMachineRegistry.StateMachine machine = machineOfExecution(arn);
            return machine.runtimeFor(store.find(arn).map(ExecutionRecord::definition).orElse(null));
        });
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
