package io.github.camelasl.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.StateMachineRuntime;
import io.github.camelasl.mock.MockConfig;
import io.github.camelasl.mock.MockTestCase;
import io.github.camelasl.model.TaskState;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A deployed state machine in a test: its mocks (by state name, by Resource, a Step Functions Local mock config's
 * test case) and its executions. Mocks apply to the executions started after they are set; each execution counts
 * its own invocations.
 */
public final class StateMachineUnderTest {

    private final AslTestKit kit;
    private final StateMachineRuntime runtime;
    /** Every Task state, at any depth (Parallel branches, Map iterations), by name. */
    private final Map<String, TaskState> tasks = new LinkedHashMap<>();
    private final Map<String, TaskMock> byState = new LinkedHashMap<>();
    private final Map<String, TaskMock> byResource = new LinkedHashMap<>();
    private MockConfig mockConfig;
    private MockTestCase testCase;

    StateMachineUnderTest(AslTestKit kit, StateMachineRuntime runtime) {
        this.kit = kit;
        this.runtime = runtime;
        tasks.putAll(runtime.machine().taskStates());
    }

    public String name() {
        return runtime.config().name();
    }

    public String stateMachineArn() {
        return runtime.config().stateMachineArn();
    }

    /** The engine's runtime of it, for what the kit does not cover. */
    public StateMachineRuntime runtime() {
        return runtime;
    }

    /**
     * The mock of Task state {@code stateName} (at any depth), made on first call: its answers stand in for the
     * endpoint's.
     *
     * @throws IllegalArgumentException when the definition has no state of that name, or it is no Task
     */
    public synchronized TaskMock mock(String stateName) {
        if (!tasks.containsKey(stateName)) {
            throw new IllegalArgumentException("mock(\"" + stateName + "\"): state machine '" + name() + "' has "
                    + (runtime.machine().find(stateName) != null ? "a state '" + stateName + "', but it is no Task"
                    : "no state '" + stateName + "'") + "; its Task states: " + String.join(", ", tasks.keySet()));
        }
        return byState.computeIfAbsent(stateName, n -> new TaskMock("mock(\"" + n + "\")"));
    }

    /**
     * The mock of every Task calling {@code resource} (as written in the definition), made on first call; a state's
     * own mock and the test case take precedence.
     *
     * @throws IllegalArgumentException when no Task of the definition has that Resource
     */
    public synchronized TaskMock mockResource(String resource) {
        if (tasks.values().stream().noneMatch(task -> task.resource().equals(resource))) {
            throw new IllegalArgumentException("mockResource(\"" + resource + "\"): no Task state of '" + name()
                    + "' has that Resource; theirs: " + new TreeSet<>(tasks.values().stream()
                    .map(TaskState::resource).toList()));
        }
        return byResource.computeIfAbsent(resource, r -> new TaskMock("mockResource(\"" + r + "\")"));
    }

    /** Step Functions Local's mock configuration file (MockConfigFile.json), unchanged. */
    public StateMachineUnderTest mockConfig(Path file) {
        return mockConfig(MockConfig.load(file));
    }

    /** A mock configuration; choose its test case with {@link #testCase}. */
    public synchronized StateMachineUnderTest mockConfig(MockConfig config) {
        this.mockConfig = config;
        this.testCase = null;
        return this;
    }

    /**
     * Runs the executions started from now on with the mock configuration's test case {@code name} (of this state
     * machine's name in its StateMachines); null for none.
     *
     * @throws IllegalArgumentException when there is no mock configuration, it has no such test case, or the test
     *                                  case mocks a state the definition does not have as a Task
     */
    public synchronized StateMachineUnderTest testCase(String name) {
        if (name == null) {
            testCase = null;
            return this;
        }
        if (mockConfig == null) {
            throw new IllegalArgumentException("testCase(\"" + name + "\"): give the mock configuration first "
                    + "(mockConfig)");
        }
        MockTestCase found = mockConfig.testCase(name(), name).orElseThrow(() -> new IllegalArgumentException(
                "The mock configuration has no test case /StateMachines/" + name() + "/TestCases/" + name
                + "; it has " + mockConfig.testCaseNames()));
        for (String state : new TreeSet<>(found.stateNames())) {
            if (!tasks.containsKey(state)) {
                throw new IllegalArgumentException("/StateMachines/" + name() + "/TestCases/" + name + "/" + state
                        + ": state machine '" + name() + "' has " + (runtime.machine().find(state) != null
                        ? "a state '" + state + "', but it is no Task" : "no state '" + state + "'")
                        + "; its Task states: " + String.join(", ", tasks.keySet()));
            }
        }
        testCase = found;
        return this;
    }

    /** Drops every mock and the test case: Tasks call their endpoints again. */
    public synchronized StateMachineUnderTest resetMocks() {
        byState.clear();
        byResource.clear();
        testCase = null;
        return this;
    }

    /**
     * Starts an execution with {@code input} (JSON text, a JsonNode, or an object Jackson converts) and runs it to
     * its end on this thread.
     *
     * @throws AssertionError when it does not end: it waits for a callback or an activity worker
     */
    public ExecutionRun run(Object input) {
        ExecutionRun run = start(input);
        return kit.runToEnd(run);
    }

    /** Starts an execution and returns at once (it runs until its first asynchronous step on this thread). */
    public ExecutionRun start(Object input) {
        JsonNode json = toInput(input);
        KitMocks mocks;
        synchronized (this) {
            mocks = byState.isEmpty() && byResource.isEmpty() && testCase == null ? null
                    : new KitMocks(byState, byResource, testCase);
        }
        StateMachineRuntime.Started started = runtime.begin(json, null, Map.of(), List.of(), false, mocks);
        ExecutionRun run = new ExecutionRun(runtime, started.executionArn(), started.completion());
        kit.started(run);
        return run;
    }

    /**
     * An execution of this state machine something else started (a route's asl: endpoint, a file consumer, the
     * API), by ARN, for the same assertions: read from the store while it runs.
     *
     * @throws IllegalArgumentException when the store has no such execution
     */
    public ExecutionRun execution(String executionArn) {
        return ExecutionRun.of(runtime, executionArn);
    }

    static JsonNode toInput(Object input) {
        if (input == null) {
            return Json.NODES.objectNode();
        }
        if (input instanceof JsonNode node) {
            return node.deepCopy();
        }
        if (input instanceof String text) {
            try {
                return Json.parse(text);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("The input is not JSON text (" + e.getOriginalMessage() + "): "
                        + TaskMock.abbreviate(text));
            }
        }
        return Json.MAPPER.valueToTree(input);
    }
}
