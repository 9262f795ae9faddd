package io.github.camelasl.teststate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.EngineClock;
import io.github.camelasl.model.DefinitionParser;
import io.github.camelasl.model.MapState;
import io.github.camelasl.model.ParallelState;
import io.github.camelasl.model.State;
import io.github.camelasl.model.StateMachine;
import io.github.camelasl.model.TaskState;
import io.github.camelasl.validation.DefinitionValidator;
import io.github.camelasl.validation.Diagnostic;
import io.github.camelasl.validation.ValidationOptions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * AWS's TestState: runs one state of a definition with an input, variables, a context object and, for a Task (or
 * a Map or Parallel), a mock of its answer, and answers as AWS does: status SUCCEEDED, FAILED, RETRIABLE (a Retry
 * would run it again) or CAUGHT_ERROR (a Catch took the error), its output, error and cause, the next state, and
 * at DEBUG and TRACE the dataflow step by step. The API server's TestState action and the test kit use it.
 *
 * <p>The state's dataflow is computed with the engine's own evaluators (see {@link StateRun}), so the answer is
 * what a run computes; a Task without a mock calls its Resource through {@link TaskCalls}.
 */
public final class StateTester {

    /** The name a single state's definition runs under ($$.State.Name), as it has none of its own. */
    static final String SINGLE_STATE_NAME = "TestState";

    private final TaskCalls taskCalls;
    private final EngineClock clock;

    /** @param taskCalls how a Task without a mock calls its Resource ({@link TaskCalls#NONE}: it may not) */
    public StateTester(TaskCalls taskCalls) {
        this(taskCalls, EngineClock.system());
    }

    /**
     * @param clock what the test execution's context reads ({@code $$.Execution.StartTime},
     *              {@code $$.State.EnteredTime}), and JSONata's {@code $now()} and a Wait's Timestamp are relative to
     */
    public StateTester(TaskCalls taskCalls, EngineClock clock) {
        this.taskCalls = taskCalls;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs AWS's TestState request (its JSON, as the API receives it) and returns AWS's response.
     *
     * @throws AslError ValidationException naming the member at fault, InvalidDefinition with the definition's
     *                  problems, InvalidExecutionInput or InvalidArn, as AWS answers
     */
    public ObjectNode test(JsonNode request) {
        return test(TestStateRequest.read(request));
    }

    /** As {@link #test(JsonNode)}, for a request built in Java. */
    public ObjectNode test(TestStateRequest request) {
        State state = stateUnderTest(request);
        checkFits(request, state);
        return new StateRun(request, state, taskCalls, clock).run();
    }

    /** The state the request names: the definition's one state, or the one named stateName (at any depth). */
    static State stateUnderTest(TestStateRequest request) {
        JsonNode definition;
        try {
            definition = Json.parse(request.definition());
        } catch (JsonProcessingException e) {
            throw invalidDefinition(List.of(Diagnostic.error("INVALID_JSON_DESCRIPTION", e.getOriginalMessage(), "")));
        }
        if (!definition.isObject()) {
            throw invalidDefinition(List.of(Diagnostic.error("SCHEMA_VALIDATION_FAILED",
                    "The definition must be a JSON object", "")));
        }
        String name;
        ObjectNode machine;
        if (definition.has("States")) {
            machine = (ObjectNode) definition;
            name = request.stateName();
            JsonNode states = definition.get("States");
            if (name == null && states.isObject() && states.size() == 1) {
                name = states.fieldNames().next();
            }
            if (name == null) {
                throw TestStateRequest.validation("stateName", "Member must not be null when the definition is a "
                        + "state machine of more than one state: it names the state to test");
            }
        } else {
            if (request.stateName() != null) {
                throw TestStateRequest.validation("stateName", "Member must be null when the definition is a single "
                        + "state: with stateName, the definition must be a whole state machine");
            }
            name = SINGLE_STATE_NAME;
            machine = wrap((ObjectNode) definition);
        }
        List<Diagnostic> errors = DefinitionValidator.validate(machine, ValidationOptions.defaults()).stream()
                .filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
        if (!errors.isEmpty()) {
            throw invalidDefinition(errors);
        }
        State state = DefinitionParser.parse(machine).find(name);
        if (state == null) {
            throw new AslError("ValidationException", "State not found in definition: '" + name + "'");
        }
        return state;
    }

    /**
     * A single state as a state machine that validates: the states it goes to (Next, a Choice's, a Catch's) are
     * there as Succeed states, so that it is validated as AWS validates it, not refused for its transitions.
     */
    private static ObjectNode wrap(ObjectNode state) {
        Set<String> targets = new LinkedHashSet<>();
        addText(targets, state.get("Next"));
        addText(targets, state.get("Default"));
        for (String list : List.of("Choices", "Catch")) {
            JsonNode entries = state.get(list);
            if (entries != null && entries.isArray()) {
                entries.forEach(entry -> addText(targets, entry.get("Next")));
            }
        }
        ObjectNode machine = Json.NODES.objectNode();
        machine.put("StartAt", SINGLE_STATE_NAME);
        ObjectNode states = machine.putObject("States");
        states.set(SINGLE_STATE_NAME, state);
        for (String target : targets) {
            if (!target.equals(SINGLE_STATE_NAME)) {
                states.putObject(target).put("Type", "Succeed");
            }
        }
        return machine;
    }

    private static void addText(Set<String> names, JsonNode value) {
        if (value != null && value.isTextual()) {
            names.add(value.textValue());
        }
    }

    /** The request's mock and stateConfiguration fit the state under test, as AWS requires. */
    static void checkFits(TestStateRequest request, State state) {
        TestStateRequest.Mock mock = request.mock();
        String type = state.common().type();
        boolean fansOut = state instanceof MapState || state instanceof ParallelState;
        if (mock == null && fansOut) {
            // AWS's literal wording, the same for both
            throw new AslError("InvalidDefinition", "TestState API does not support Map or Parallel states. "
                    + "Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        }
        if (mock != null && !(state instanceof TaskState) && !fansOut) {
            throw new AslError("ValidationException", "State type '" + type + "' is not supported when a mock is "
                    + "specified");
        }
        if (mock != null && request.revealSecrets()) {
            throw new AslError("ValidationException", "TestState does not support RevealSecrets when a mock is "
                    + "specified.");
        }
        if (mock == null && state instanceof TaskState task) {
            String resource = task.resource();
            if (task.isActivity() || task.waitForTaskToken() || resource.endsWith(".sync")
                    || resource.contains(".sync:")) {
                throw new AslError("ValidationException", "TestState supports an activity, .sync or "
                        + ".waitForTaskToken Task only with a mock: the Task state '" + state.common().name()
                        + "' has none");
            }
        }
        TestStateRequest.Configuration configuration = request.configuration();
        if (configuration.mapIterationFailureCount() != null) {
            if (!(state instanceof MapState)) {
                throw TestStateRequest.validation("stateConfiguration.mapIterationFailureCount", "is for a Map "
                        + "state, but the state under test is a " + type + " state");
            }
            if (mock == null) {
                throw new AslError("ValidationException", "TestState does not support MapIterationFailureCount "
                        + "when a mock is not specified.");
            }
            if (mock.result() != null && mock.result().isArray()
                    && configuration.mapIterationFailureCount() > mock.result().size()) {
                throw new AslError("ValidationException", "Map iteration failure count must be less than or equal "
                        + "to the number of Map iterations");
            }
        }
        boolean reads = state instanceof MapState map && map.itemReader() != null;
        if (configuration.mapItemReaderData() != null && !reads) {
            throw TestStateRequest.validation("stateConfiguration.mapItemReaderData", "is for a Map state with an "
                    + "ItemReader, which the state under test is not");
        }
        if (reads) {
            if (configuration.mapItemReaderData() == null) {
                throw TestStateRequest.validation("stateConfiguration.mapItemReaderData", "Member must not be null "
                        + "for a Map state with an ItemReader: it is the data the ItemReader reads");
            }
            itemReaderData(configuration.mapItemReaderData());
        }
        if (configuration.errorCausedByState() != null) {
            if (!fansOut || mock == null || !mock.failing()) {
                throw TestStateRequest.validation("stateConfiguration.errorCausedByState", "is for a Map or Parallel "
                        + "state whose mock is an error");
            }
            if (StateMachine.nested(state).stream()
                    .noneMatch(sub -> sub.find(configuration.errorCausedByState()) != null)) {
                throw TestStateRequest.validation("stateConfiguration.errorCausedByState", "names no state of the "
                        + type + " state '" + state.common().name() + "': '" + configuration.errorCausedByState()
                        + "'");
            }
        }
        if (mock != null && mock.result() != null) {
            if (state instanceof ParallelState parallel && (!mock.result().isArray()
                    || mock.result().size() != parallel.branches().size())) {
                throw new AslError("ValidationException", mock.result().isArray()
                        ? "Mocked result must contain the same number of items as number of Parallel branches."
                        : "Mocked result must be an array.");
            }
            if (state instanceof MapState map && map.resultWriter() == null && !mock.result().isArray()) {
                throw new AslError("ValidationException", "Mocked result must be an array.");
            }
            if (state instanceof MapState map && map.resultWriter() != null && !mock.result().isObject()) {
                throw new AslError("ValidationException", "Mocked result must be a JSON object.");
            }
        }
    }

    /** mapItemReaderData as the items it holds: a JSON array (other formats are not read here). */
    static JsonNode itemReaderData(String text) {
        JsonNode read;
        try {
            read = Json.parse(text);
        } catch (JsonProcessingException e) {
            read = null;
        }
        if (read == null || !read.isArray()) {
            throw TestStateRequest.validation("stateConfiguration.mapItemReaderData", "must be a JSON array (the "
                    + "items a JSON ItemReader reads; other formats are not read by this TestState)");
        }
        return read;
    }

    /** AWS's shape: "Invalid State Machine Definition: 'CODE: message at /pointer, ...'". */
    static AslError invalidDefinition(List<Diagnostic> diagnostics) {
        return new AslError("InvalidDefinition", "Invalid State Machine Definition: '" + diagnostics.stream()
                .map(d -> d.code() + ": " + d.message()
                        + (d.location() == null || d.location().isEmpty() ? "" : " at " + d.location()))
                .collect(Collectors.joining(", ")) + "'");
    }
}
