package io.github.camelasl.teststate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.JsonPaths;
import io.github.camelasl.dataflow.PayloadSize;
import io.github.camelasl.dataflow.PayloadTemplate;
import io.github.camelasl.dataflow.ResultPath;
import io.github.camelasl.dataflow.intrinsic.IntrinsicFunctions;
import io.github.camelasl.dataflow.jsonata.ExpectedType;
import io.github.camelasl.dataflow.jsonata.JsonataExpressions;
import io.github.camelasl.dataflow.jsonata.TimeLimit;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ChoiceRules;
import io.github.camelasl.engine.EngineClock;
import io.github.camelasl.engine.ErrorMatcher;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.engine.ExecutionLimits;
import io.github.camelasl.engine.FailurePolicy;
import io.github.camelasl.engine.Scope;
import io.github.camelasl.engine.StateMachineConfig;
import io.github.camelasl.engine.WaitStep;
import io.github.camelasl.model.Catcher;
import io.github.camelasl.model.ChoiceRule;
import io.github.camelasl.model.ChoiceState;
import io.github.camelasl.model.ErrorHandling;
import io.github.camelasl.model.FailState;
import io.github.camelasl.model.MapState;
import io.github.camelasl.model.ParallelState;
import io.github.camelasl.model.PassState;
import io.github.camelasl.model.QueryLanguage;
import io.github.camelasl.model.Retrier;
import io.github.camelasl.model.State;
import io.github.camelasl.model.SucceedState;
import io.github.camelasl.model.TaskState;
import io.github.camelasl.model.Template;
import io.github.camelasl.model.WaitState;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One TestState run of one state: its dataflow, step by step, with the evaluators a run uses (InputOutput,
 * PayloadTemplate, ResultPath, ChoiceRules, JsonataExpressions, ErrorMatcher), recording each step's value for
 * AWS's inspectionData. The order of the steps, and which Assign, Output and ResultPath apply where, is the engine's
 * (see the engine's PassStep, TaskStep, ChoiceStep, WaitStep, FailStep, Transitions and FailurePolicy).
 *
 * <p>What it builds is bounded by AWS's payload limit, as a run's payloads are: the output, each inspectionData
 * member and a Map's selected items (counted as they are built) fail the state with States.DataLimitExceeded past
 * it, so a small request cannot make a huge answer.
 */
final class StateRun {

    /** AWS's payload limit: 256 KiB of JSON text (UTF-8). */
    static final int MAX_PAYLOAD_BYTES = ExecutionLimits.AWS_MAX_PAYLOAD_SIZE;

    /** What the state came to: AWS's TestState status, and the members that go with it. */
    private record Outcome(String status, JsonNode output, String nextState, String error, String cause) {
    }

    private final TestStateRequest request;
    private final State state;
    private final TaskCalls taskCalls;
    /** The moment the test execution starts and enters the state, on the tester's clock. */
    private final long nowMillis;
    /** JSONata's bound, and its $now(): the test execution's start. */
    private final TimeLimit jsonataLimit;
    private final JsonNode input;
    /** The variables as the state sees them; its Assign (or its Catch's) is applied once it has its outcome. */
    private final ObjectNode variables;
    private final ObjectNode context;
    private final Bindings bindings;
    private final ObjectNode inspection = Json.NODES.objectNode();
    /** The error the mock or the Resource answered with, if any: the Task's, as it was given (no prefix). */
    private RuntimeException answerError;
    /** Attempts made so far by the Retry that matches the error (AWS's stateConfiguration.retrierRetryCount). */
    private final int retryCount;

    StateRun(TestStateRequest request, State state, TaskCalls taskCalls) {
        this(request, state, taskCalls, EngineClock.system());
    }

    /** @param clock the test execution's: its start, the state's entry, JSONata's $now() and Wait timestamps */
    StateRun(TestStateRequest request, State state, TaskCalls taskCalls, EngineClock clock) {
        this.nowMillis = clock.millis();
        this.jsonataLimit = TimeLimit.DEFAULT.at(nowMillis);
        this.request = request;
        this.state = state;
        this.taskCalls = taskCalls;
        this.input = request.input();
        this.variables = request.variables().deepCopy();
        Integer retries = request.configuration().retrierRetryCount();
        this.retryCount = retries == null ? 0 : retries;
        this.context = context();
        this.bindings = new Bindings(context, variables::get);
    }

    ObjectNode run() {
        Outcome outcome;
        try {
            inspected("input", input);
            outcome = runState();
        } catch (TaskCalls.Refused e) {
            throw e;
        } catch (RuntimeException e) {
            AslError error = FailurePolicy.toAslError(e, Scope.Phase.DATAFLOW);
            if (e != answerError && (ErrorNames.RUNTIME.equals(error.error())
                    || ErrorNames.QUERY_EVALUATION_ERROR.equals(error.error()))) {
                // the engine's own data errors carry AWS's prefix, as in a run (FailurePolicy); the state under
                // test is entered at event #2 of its one-state run, after ExecutionStarted
                error = new AslError(error.error(), "An error occurred while executing the state '"
                        + state.common().name() + "' (entered at the event id #2). " + error.cause());
            }
            outcome = failed(error);
        }
        if (inspecting() && !variables.isEmpty()) {
            try {
                inspected("variables", variables);
            } catch (AslError tooLarge) {
                outcome = new Outcome("FAILED", null, null, tooLarge.error(), tooLarge.cause());
            }
        }
        return response(outcome);
    }

    private Outcome runState() {
        if (state instanceof PassState pass) {
            return pass(pass);
        }
        if (state instanceof TaskState task) {
            JsonNode effective = effectiveInput(task.parameters(), task.arguments());
            return exitWithResult(task.resultSelector(), task.resultPath(), answer(effective));
        }
        if (state instanceof ChoiceState choice) {
            return choice(choice);
        }
        if (state instanceof WaitState wait) {
            return waitState(wait);
        }
        if (state instanceof SucceedState) {
            JsonNode effective = jsonata() ? input : inspected("afterInputPath",
                    InputOutput.inputPath(state.common().inputPath(), input, bindings));
            JsonNode output = jsonata() ? jsonataOutput(state.common().output(), states(), input)
                    : InputOutput.outputPath(state.common().outputPath(), effective, bindings);
            return succeeded(output, Map.of(), null);
        }
        if (state instanceof FailState fail) {
            throw failError(fail);
        }
        if (state instanceof ParallelState parallel) {
            JsonNode effective = effectiveInput(parallel.parameters(), parallel.arguments());
            return exitWithResult(parallel.resultSelector(), parallel.resultPath(), answer(effective));
        }
        return map((MapState) state);
    }

    // --- the states ---

    private Outcome pass(PassState pass) {
        if (jsonata()) {
            ObjectNode states = states();
            Map<String, JsonNode> assigned = jsonataAssign(state.common().assign(), states);
            return succeeded(jsonataOutput(state.common().output(), states, input), assigned, state.common().next());
        }
        JsonNode effective = inspected("afterInputPath",
                InputOutput.inputPath(state.common().inputPath(), input, bindings));
        if (pass.parameters() != null) {
            effective = inspected("afterParameters", PayloadTemplate.evaluate(pass.parameters(), effective, bindings));
        }
        JsonNode result = inspected("result", pass.result() != null ? pass.result() : effective);
        Map<String, JsonNode> assigned = jsonPathAssign(state.common().assign(), result);
        JsonNode combined = inspected("afterResultPath", ResultPath.apply(pass.resultPath(), input, result));
        return succeeded(InputOutput.outputPath(state.common().outputPath(), combined, bindings), assigned,
                state.common().next());
    }

    private Outcome choice(ChoiceState choice) {
        JsonNode effective = jsonata() ? input : inspected("afterInputPath",
                InputOutput.inputPath(state.common().inputPath(), input, bindings));
        for (ChoiceRule.TopLevel rule : choice.choices()) {
            boolean matches = rule.rule() instanceof ChoiceRule.Condition condition
                    ? value(condition.condition(), states(), "Condition", ExpectedType.BOOLEAN).booleanValue()
                    : ChoiceRules.matches(rule.rule(), effective, bindings);
            if (matches) {
                return chosen(rule.next(), rule.assign(), rule.output(), effective);
            }
        }
        if (choice.defaultState() == null) {
            throw new AslError(ErrorNames.NO_CHOICE_MATCHED, "No Matches! for state '" + state.common().name() + "'");
        }
        return chosen(choice.defaultState(), state.common().assign(), state.common().output(), effective);
    }

    /** A Choice goes to {@code next} with the rule's (or the state's) Assign and Output. */
    private Outcome chosen(String next, JsonNode assign, JsonNode jsonataOutput, JsonNode effective) {
        if (jsonata()) {
            ObjectNode states = states();
            Map<String, JsonNode> assigned = jsonataAssign(assign, states);
            return succeeded(jsonataOutput(jsonataOutput, states, input), assigned, next);
        }
        Map<String, JsonNode> assigned = jsonPathAssign(assign, effective);
        return succeeded(InputOutput.outputPath(state.common().outputPath(), effective, bindings), assigned, next);
    }

    /** A Wait does not wait here (AWS's TestState does not either), but its Seconds or Timestamp is evaluated. */
    private Outcome waitState(WaitState wait) {
        if (jsonata()) {
            ObjectNode states = states();
            checkJsonataWait(wait, states);
            Map<String, JsonNode> assigned = jsonataAssign(state.common().assign(), states);
            return succeeded(jsonataOutput(state.common().output(), states, input), assigned, state.common().next());
        }
        JsonNode effective = inspected("afterInputPath",
                InputOutput.inputPath(state.common().inputPath(), input, bindings));
        WaitStep.delayMillisOf(wait, effective, bindings, nowMillis);
        Map<String, JsonNode> assigned = jsonPathAssign(state.common().assign(), effective);
        return succeeded(InputOutput.outputPath(state.common().outputPath(), effective, bindings), assigned,
                state.common().next());
    }

    private void checkJsonataWait(WaitState wait, ObjectNode states) {
        if (wait.seconds() != null) {
            JsonNode seconds = value(wait.seconds(), states, "Seconds", ExpectedType.ANY);
            if (seconds == null || !seconds.isIntegralNumber() || seconds.longValue() < 0
                    || seconds.longValue() > 99_999_999L) {
                throw new AslError(ErrorNames.QUERY_EVALUATION_ERROR, "The field 'Seconds' returned an unexpected "
                        + "result: " + (seconds == null ? "undefined" : Json.write(seconds))
                        + ". Expected an integer from 0 to 99999999.");
            }
            return;
        }
        JsonNode timestamp = value(wait.timestamp(), states, "Timestamp", ExpectedType.ANY);
        if (timestamp == null || !timestamp.isTextual() || WaitStep.timestampOf(timestamp.textValue()) == null) {
            throw new AslError(ErrorNames.QUERY_EVALUATION_ERROR, "The Timestamp field cannot be parsed as an "
                    + "ISO-8601 extended offset date-time format string: "
                    + (timestamp == null ? "undefined" : Json.write(timestamp)));
        }
    }

    private AslError failError(FailState fail) {
        if (jsonata()) {
            ObjectNode states = states();
            return new AslError(jsonataText(fail.error(), states, "Error"), jsonataText(fail.cause(), states, "Cause"));
        }
        return new AslError(failText("ErrorPath", fail.error(), fail.errorPath()),
                failText("CausePath", fail.cause(), fail.causePath()));
    }

    private String jsonataText(JsonNode field, ObjectNode states, String name) {
        if (field == null || field.isNull()) {
            return null;
        }
        JsonNode value = value(field, states, name, ExpectedType.ANY);
        return value == null || value.isNull() ? null : value.asText();
    }

    private String failText(String field, JsonNode literal, String path) {
        if (path != null) {
            JsonNode value = IntrinsicFunctions.isIntrinsic(path) ? IntrinsicFunctions.evaluate(path, input, bindings)
                    : InputOutput.readField(field, path, input, bindings);
            if (!value.isTextual()) {
                throw AslError.runtime("The " + field + " field must reference a string value, but was: "
                        + Json.write(value));
            }
            return value.textValue();
        }
        return literal == null || literal.isNull() ? null : literal.asText();
    }

    /**
     * A Map's items and each iteration's input are computed, and its limits read; the iterations' results are the
     * mock's (TestState runs a Map only with one), and mapIterationFailureCount of them failed.
     */
    private Outcome map(MapState map) {
        JsonNode effective = jsonata() ? input : inspected("afterInputPath",
                InputOutput.inputPath(state.common().inputPath(), input, bindings));
        JsonNode items = items(map, effective);
        if (map.itemSelector() != null) {
            // a small selector over many items can make far more than the input: counted as it grows
            ArrayNode selected = Json.NODES.arrayNode();
            long bytes = 2; // []
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = selectedItem(map, effective, i, items.get(i));
                bytes += i == 0 ? 0 : 1; // the comma
                bytes += PayloadSize.exactBytes(item, (int) Math.max(0, MAX_PAYLOAD_BYTES - bytes));
                if (bytes > MAX_PAYLOAD_BYTES) {
                    throw tooLarge("its ItemSelector selected items", "afterItemSelector");
                }
                selected.add(item);
            }
            inspected("afterItemSelector", selected);
        }
        Integer maxConcurrency = whole(map.maxConcurrency(), map.maxConcurrencyPath(), effective, "MaxConcurrency");
        if (maxConcurrency != null) {
            inspection.put("maxConcurrency", maxConcurrency);
        }
        Integer toleratedCount = whole(map.toleratedFailureCount(), map.toleratedFailureCountPath(), effective,
                "ToleratedFailureCount");
        if (toleratedCount != null) {
            inspection.put("toleratedFailureCount", toleratedCount);
        }
        Double toleratedPercentage = percentage(map, effective);
        if (toleratedPercentage != null) {
            inspection.put("toleratedFailurePercentage", toleratedPercentage.floatValue());
        }
        Integer failures = request.configuration().mapIterationFailureCount();
        if (failures != null && failures > 0
                && exceeds(map, failures, items.size(), toleratedCount, toleratedPercentage)) {
            throw new AslError(ErrorNames.EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    "The specified tolerated failure threshold was exceeded");
        }
        return exitWithResult(map.resultSelector(), map.resultPath(), answer(effective));
    }

    /** As the engine's Map: an Inline Map tolerates no failed iteration; a Distributed one its thresholds. */
    private static boolean exceeds(MapState map, int failures, int size, Integer count, Double percentage) {
        if (!map.distributed() || (count == null && percentage == null)) {
            return true;
        }
        boolean overCount = count != null && failures > count;
        boolean overPercentage = percentage != null && size > 0 && failures * 100.0 / size > percentage;
        return overCount || overPercentage;
    }

    private JsonNode items(MapState map, JsonNode effective) {
        String readerData = request.configuration().mapItemReaderData();
        if (map.itemReader() != null) {
            return StateTester.itemReaderData(readerData); // checked with the request
        }
        if (jsonata()) {
            if (map.items() == null) {
                if (!input.isArray()) {
                    throw new AslError(ErrorNames.QUERY_EVALUATION_ERROR, "Map state input must be an array but "
                            + "was: " + Json.write(input));
                }
                return input;
            }
            return map.items().isArray() ? JsonataExpressions.evaluateTemplate(map.items(), states(), variables::get,
                    "Items", jsonataLimit) : value(map.items(), states(), "Items", ExpectedType.ARRAY);
        }
        JsonNode items;
        try {
            items = JsonPaths.read(map.itemsPath(), effective, bindings);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("Invalid path '" + map.itemsPath() + "' : " + e.getMessage());
        }
        if (!items.isArray()) {
            throw AslError.runtime("Invalid path '" + map.itemsPath() + "' : The path does not reference an array: "
                    + Json.write(items));
        }
        return inspected("afterItemsPath", items);
    }

    /** An iteration's input: ItemSelector with $$.Map.Item set. */
    private JsonNode selectedItem(MapState map, JsonNode effective, int index, JsonNode item) {
        // a shallow copy: the context holds the whole input ($$.Execution.Input), too much to copy per item; its
        // members are only read, and Map is replaced here, not changed
        ObjectNode withItem = Json.NODES.objectNode();
        withItem.setAll(context);
        ObjectNode mapItem = withItem.putObject("Map").putObject("Item");
        mapItem.put("Index", index);
        mapItem.set("Value", item);
        if (jsonata()) {
            ObjectNode states = states();
            states.set("context", withItem);
            return JsonataExpressions.evaluateTemplate(map.itemSelector().source(), states, variables::get,
                    "ItemSelector", jsonataLimit);
        }
        return PayloadTemplate.evaluate(map.itemSelector(), effective, new Bindings(withItem, variables::get));
    }

    /** MaxConcurrency or ToleratedFailureCount: a literal (or JSONata expression) or a path; null when absent. */
    private Integer whole(JsonNode literal, String path, JsonNode effective, String field) {
        JsonNode value = literal != null && jsonata() ? value(literal, states(), field, ExpectedType.INTEGER)
                : literal != null ? literal : path != null ? read(path, effective, field + "Path") : null;
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw AslError.runtime("The " + field + " field must be a non-negative integer, but was: "
                    + Json.write(value));
        }
        return value.intValue();
    }

    private Double percentage(MapState map, JsonNode effective) {
        JsonNode literal = map.toleratedFailurePercentage();
        String path = map.toleratedFailurePercentagePath();
        JsonNode value = literal != null && jsonata()
                ? value(literal, states(), "ToleratedFailurePercentage", ExpectedType.NUMBER)
                : literal != null ? literal : path != null ? read(path, effective, "ToleratedFailurePercentagePath")
                : null;
        if (value == null) {
            return null;
        }
        if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 100) {
            throw AslError.runtime("The ToleratedFailurePercentage field must be a number from 0 to 100, but was: "
                    + Json.write(value));
        }
        return value.doubleValue();
    }

    private JsonNode read(String path, JsonNode data, String field) {
        try {
            return JsonPaths.read(path, data, bindings);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("The " + field + " parameter does not reference an input value: " + path);
        }
    }

    // --- the steps the states share ---

    /** A Task's or Parallel's input: JSONata Arguments (else its input), or InputPath then Parameters. */
    private JsonNode effectiveInput(Template parameters, JsonNode arguments) {
        if (jsonata()) {
            return arguments == null ? input
                    : inspected("afterArguments", JsonataExpressions.evaluateTemplate(arguments, states(),
                            variables::get, "Arguments", jsonataLimit));
        }
        JsonNode effective = inspected("afterInputPath",
                InputOutput.inputPath(state.common().inputPath(), input, bindings));
        return inspected("afterParameters",
                parameters == null ? effective : PayloadTemplate.evaluate(parameters, effective, bindings));
    }

    /** The Task's (Map's, Parallel's) result: the mock's, or for a Task without one, its Resource's. */
    private JsonNode answer(JsonNode effective) {
        TestStateRequest.Mock mock = request.mock();
        JsonNode result;
        try {
            if (mock == null) {
                result = taskCalls.call((TaskState) state, effective);
            } else if (mock.failing()) {
                throw new AslError(mock.error(), mock.cause());
            } else {
                result = mock.result();
            }
        } catch (RuntimeException e) {
            answerError = e;
            throw e;
        }
        return inspected("result", result);
    }

    /** ResultSelector, Assign, ResultPath, OutputPath; in JSONata, Assign and Output over $states.result. */
    private Outcome exitWithResult(Template resultSelector, String resultPath, JsonNode result) {
        if (jsonata()) {
            ObjectNode states = states();
            states.set("result", result);
            Map<String, JsonNode> assigned = jsonataAssign(state.common().assign(), states);
            return succeeded(jsonataOutput(state.common().output(), states, result), assigned,
                    state.common().next());
        }
        JsonNode selected = resultSelector == null ? result
                : inspected("afterResultSelector", PayloadTemplate.evaluate(resultSelector, result, bindings));
        Map<String, JsonNode> assigned = jsonPathAssign(state.common().assign(), selected);
        JsonNode combined = inspected("afterResultPath", ResultPath.apply(resultPath, input, selected));
        return succeeded(InputOutput.outputPath(state.common().outputPath(), combined, bindings), assigned,
                state.common().next());
    }

    private Outcome succeeded(JsonNode output, Map<String, JsonNode> assigned, String next) {
        ExecutionLimits.AWS.checkStateData(output, state.common().name()); // a Catch may take it, as in a run
        assigned.forEach(variables::set);
        boolean ends = state.common().end() || state instanceof SucceedState;
        return new Outcome("SUCCEEDED", output, ends ? null : next, null, null);
    }

    /**
     * The state failed with {@code error}: RETRIABLE when the first Retry that matches it has attempts left
     * (after retrierRetryCount), else CAUGHT_ERROR when a Catch matches, else FAILED; as the engine's FailurePolicy.
     */
    private Outcome failed(AslError error) {
        if (state instanceof ErrorHandling handling) {
            List<Retrier> retriers = handling.retry();
            for (int i = 0; i < retriers.size(); i++) {
                Retrier retrier = retriers.get(i);
                if (!ErrorMatcher.matches(retrier.errorEquals(), error.error())) {
                    continue;
                }
                if (retryCount < retrier.maxAttempts()) {
                    ObjectNode details = inspection.putObject("errorDetails");
                    details.put("retryBackoffIntervalSeconds", backoffSeconds(retrier));
                    details.put("retryIndex", i);
                    return new Outcome("RETRIABLE", null, null, error.error(), error.cause());
                }
                break; // the first matching retrier decides: exhausted, the Catch has the error
            }
            List<Catcher> catchers = handling.catchers();
            for (int i = 0; i < catchers.size(); i++) {
                Catcher catcher = catchers.get(i);
                if (ErrorMatcher.matches(catcher.errorEquals(), error.error())) {
                    return caught(catcher, i, error);
                }
            }
        }
        return new Outcome("FAILED", null, null, error.error(), error.cause());
    }

    private Outcome caught(Catcher catcher, int index, AslError error) {
        ObjectNode errorOutput = Json.NODES.objectNode();
        errorOutput.put("Error", error.error());
        errorOutput.put("Cause", error.cause());
        JsonNode output;
        Map<String, JsonNode> assigned;
        try {
            if (jsonata()) {
                ObjectNode states = states();
                states.set("errorOutput", errorOutput);
                assigned = jsonataAssign(catcher.assign(), states);
                output = jsonataOutput(catcher.output(), states, errorOutput);
            } else {
                assigned = jsonPathAssign(catcher.assign(), errorOutput);
                output = ResultPath.apply(catcher.resultPath(), input, errorOutput);
            }
            ExecutionLimits.AWS.checkStateData(output, state.common().name());
        } catch (RuntimeException e) {
            // the Catch itself could not be applied: nothing is left, as in a run
            AslError failure = FailurePolicy.toAslError(e, Scope.Phase.DATAFLOW);
            return new Outcome("FAILED", null, null, failure.error(), failure.cause());
        }
        assigned.forEach(variables::set);
        inspection.putObject("errorDetails").put("catchIndex", index);
        return new Outcome("CAUGHT_ERROR", output, catcher.next(), error.error(), error.cause());
    }

    /** The back-off before the next attempt: IntervalSeconds x BackoffRate^attempts, up to MaxDelaySeconds. */
    private int backoffSeconds(Retrier retrier) {
        double seconds = retrier.intervalSeconds().doubleValue()
                * Math.pow(retrier.backoffRate().doubleValue(), retryCount);
        if (retrier.maxDelaySeconds() != null) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds());
        }
        return (int) Math.min(Integer.MAX_VALUE, seconds); // BackoffRate^attempts may be far beyond an int
    }

    // --- evaluation helpers ---

    private boolean jsonata() {
        return state.common().queryLanguage() == QueryLanguage.JSONata;
    }

    /** {@code $states} before the state has a result. */
    private ObjectNode states() {
        ObjectNode states = Json.NODES.objectNode();
        states.set("input", input);
        states.set("context", context);
        return states;
    }

    private JsonNode jsonataOutput(JsonNode output, ObjectNode states, JsonNode fallback) {
        return output == null ? fallback
                : JsonataExpressions.evaluateTemplate(output, states, variables::get, "Output", jsonataLimit);
    }

    private Map<String, JsonNode> jsonataAssign(JsonNode assign, ObjectNode states) {
        if (assign == null || assign.isEmpty()) {
            return Map.of();
        }
        return fields(JsonataExpressions.evaluateTemplate(assign, states, variables::get, "Assign", jsonataLimit));
    }

    private Map<String, JsonNode> jsonPathAssign(JsonNode assign, JsonNode data) {
        if (assign == null || assign.isEmpty()) {
            return Map.of();
        }
        return fields(PayloadTemplate.evaluate(assign, data, bindings));
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** A JSONata scalar field: a literal, or one expression evaluated to a value of {@code expected}'s type. */
    private JsonNode value(JsonNode value, ObjectNode states, String field, ExpectedType expected) {
        return JsonataExpressions.isExpression(value)
                ? JsonataExpressions.evaluateAs(value.textValue(), states, variables::get, field, expected,
                        jsonataLimit)
                : value;
    }

    /** {@code value}, shown as inspectionData's {@code member} at DEBUG and TRACE (States.DataLimitExceeded past the limit). */
    private JsonNode inspected(String member, JsonNode value) {
        if (inspecting()) {
            if (PayloadSize.exactBytes(value, MAX_PAYLOAD_BYTES) > MAX_PAYLOAD_BYTES) {
                throw tooLarge("its " + member, member);
            }
            inspection.put(member, Json.writeWithin(value, MAX_PAYLOAD_BYTES)); // the text just measured
        }
        return value;
    }

    private boolean inspecting() {
        return request.inspectionLevel() != TestStateRequest.InspectionLevel.INFO;
    }

    private AslError tooLarge(String what, String member) {
        return new AslError(ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task '" + state.common().name() + "' made "
                + what + " (inspectionData." + member + ") with a size exceeding the maximum number of bytes service "
                + "limit: more than " + MAX_PAYLOAD_BYTES + " bytes of JSON text (UTF-8)");
    }

    /**
     * The context object {@code $$}: AWS's members for a test execution, with the request's context laid over
     * them (what it gives wins, member by member).
     */
    private ObjectNode context() {
        StateMachineConfig config = StateMachineConfig.of(StateTester.SINGLE_STATE_NAME);
        String executionName = UUID.randomUUID().toString();
        String now = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(nowMillis));
        ObjectNode ctx = Json.NODES.objectNode();
        ObjectNode execution = ctx.putObject("Execution");
        execution.put("Id", config.executionArn(executionName));
        execution.set("Input", input);
        execution.put("Name", executionName);
        execution.put("RoleArn", request.roleArn() != null ? request.roleArn() : config.effectiveRoleArn());
        execution.put("StartTime", now);
        execution.put("RedriveCount", 0);
        ObjectNode stateMember = ctx.putObject("State");
        stateMember.put("EnteredTime", now);
        stateMember.put("Name", state.common().name());
        stateMember.put("RetryCount", retryCount);
        ObjectNode machine = ctx.putObject("StateMachine");
        machine.put("Id", config.stateMachineArn());
        machine.put("Name", config.name());
        if (state instanceof TaskState task && task.waitForTaskToken()) {
            ctx.putObject("Task").put("Token", UUID.randomUUID().toString());
        }
        if (request.context() != null) {
            merge(ctx, request.context());
        }
        return ctx;
    }

    private static void merge(ObjectNode into, ObjectNode given) {
        for (Iterator<Map.Entry<String, JsonNode>> members = given.fields(); members.hasNext(); ) {
            Map.Entry<String, JsonNode> member = members.next();
            JsonNode existing = into.get(member.getKey());
            if (existing instanceof ObjectNode object && member.getValue() instanceof ObjectNode value) {
                merge(object, value);
            } else {
                into.set(member.getKey(), member.getValue());
            }
        }
    }

    /** AWS's TestState response; inspectionData at DEBUG and TRACE only. */
    private ObjectNode response(Outcome outcome) {
        ObjectNode out = Json.NODES.objectNode();
        out.put("status", outcome.status());
        if (outcome.output() != null) {
            out.put("output", Json.write(outcome.output()));
        }
        if (outcome.error() != null) {
            out.put("error", outcome.error());
        }
        if (outcome.cause() != null) {
            out.put("cause", outcome.cause());
        }
        if (outcome.nextState() != null) {
            out.put("nextState", outcome.nextState());
        }
        if (inspecting()) {
            out.set("inspectionData", inspection);
        }
        return out;
    }
}
