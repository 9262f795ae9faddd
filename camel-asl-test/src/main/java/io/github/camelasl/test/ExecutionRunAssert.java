package io.github.camelasl.test;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.JsonPaths;
import io.github.camelasl.engine.ExecutionStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Fluent assertions on an {@link ExecutionRun}. Each failure message says what the execution did: its status, error
 * and cause, the states it passed through, its output.
 */
public final class ExecutionRunAssert extends AbstractAssert<ExecutionRunAssert, ExecutionRun> {

    ExecutionRunAssert(ExecutionRun actual) {
        super(actual, ExecutionRunAssert.class);
    }

    public ExecutionRunAssert succeeded() {
        return hasStatus(ExecutionStatus.SUCCEEDED);
    }

    public ExecutionRunAssert failed() {
        return hasStatus(ExecutionStatus.FAILED);
    }

    public ExecutionRunAssert hasStatus(ExecutionStatus status) {
        isNotNull();
        if (actual.status() != status) {
            failWithMessage("Expected status %s, but %s", status, actual.describe());
        }
        return this;
    }

    /** Its output equals {@code expected} (JSON text, a JsonNode, or an object Jackson converts) as JSON. */
    public ExecutionRunAssert hasOutput(Object expected) {
        isNotNull();
        JsonNode want = StateMachineUnderTest.toInput(expected);
        JsonNode output = actual.output();
        if (output == null || !JsonEquality.equal(output, want)) {
            failWithMessage("Expected output %s, but %s", want, actual.describe());
        }
        return this;
    }

    /**
     * The value at {@code path} of its output equals {@code expected} (as {@link #hasOutput}): a JSONPath
     * ({@code $.order.items[0]}) or a JSON pointer ({@code /order/items/0}).
     */
    public ExecutionRunAssert hasOutputAt(String path, Object expected) {
        isNotNull();
        JsonNode want = StateMachineUnderTest.toInput(expected);
        JsonNode output = actual.output();
        if (output == null) {
            failWithMessage("Expected %s at %s of the output, but there is no output: %s", want, path,
                    actual.describe());
        }
        JsonNode found = at(output, path);
        if (found == null) {
            failWithMessage("Expected %s at %s of the output, but nothing is there: %s", want, path,
                    actual.describe());
        } else if (!JsonEquality.equal(found, want)) {
            failWithMessage("Expected %s at %s of the output, but found %s: %s", want, path, found,
                    actual.describe());
        }
        return this;
    }

    /** It ended with error {@code error} (FAILED, TIMED_OUT or ABORTED). */
    public ExecutionRunAssert hasError(String error) {
        isNotNull();
        if (!Objects.equals(actual.error(), error)) {
            failWithMessage("Expected error %s, but %s", error, actual.describe());
        }
        return this;
    }

    public ExecutionRunAssert hasCause(String cause) {
        isNotNull();
        if (!Objects.equals(actual.cause(), cause)) {
            failWithMessage("Expected cause %s, but the cause is %s; %s", cause, actual.cause(), actual.describe());
        }
        return this;
    }

    public ExecutionRunAssert hasCauseContaining(String part) {
        isNotNull();
        if (actual.cause() == null || !actual.cause().contains(part)) {
            failWithMessage("Expected a cause containing %s, but the cause is %s; %s", part, actual.cause(),
                    actual.describe());
        }
        return this;
    }

    /**
     * It entered these states in this order, others possibly between them: every state entered counts, those of
     * Parallel branches and Map iterations too (so a nested state that runs once per item is there once per item).
     */
    public ExecutionRunAssert passedThrough(String... states) {
        isNotNull();
        List<String> entered = HistoryView.of(actual.history()).enteredStates();
        int at = 0;
        for (String state : entered) {
            if (at < states.length && state.equals(states[at])) {
                at++;
            }
        }
        if (at < states.length) {
            failWithMessage("Expected to pass through %s in that order, but %s was not entered %s; %s",
                    Arrays.toString(states), states[at], at == 0 ? "" : "after " + states[at - 1],
                    actual.describe());
        }
        return this;
    }

    /** It entered exactly these states, in this order (Parallel branches' and Map iterations' too). */
    public ExecutionRunAssert tookPath(String... states) {
        isNotNull();
        List<String> entered = HistoryView.of(actual.history()).enteredStates();
        if (!entered.equals(List.of(states))) {
            failWithMessage("Expected the path %s, but %s", String.join(" -> ", states), actual.describe());
        }
        return this;
    }

    /** It never entered {@code state}. */
    public ExecutionRunAssert didNotPassThrough(String state) {
        isNotNull();
        if (HistoryView.of(actual.history()).enteredStates().contains(state)) {
            failWithMessage("Expected not to pass through %s, but %s", state, actual.describe());
        }
        return this;
    }

    /** Its history's event types are exactly these, in order (AWS's names: TaskStateEntered, TaskScheduled ...). */
    public ExecutionRunAssert hasEventTypes(String... types) {
        isNotNull();
        List<String> found = HistoryView.of(actual.history()).eventTypes();
        if (!found.equals(List.of(types))) {
            failWithMessage("Expected the events %s, but they are %s; %s", List.of(types), found, actual.describe());
        }
        return this;
    }

    /** Its history has an event of {@code type}. */
    public ExecutionRunAssert hasEvent(String type) {
        isNotNull();
        List<String> found = HistoryView.of(actual.history()).eventTypes();
        if (!found.contains(type)) {
            failWithMessage("Expected a %s event, but the events are %s; %s", type, found, actual.describe());
        }
        return this;
    }

    /** Assertions on state {@code name}: its input and output, how often it was entered and retried. */
    public StateAssert state(String name) {
        isNotNull();
        return new StateAssert(this, actual, name);
    }

    /** The node at a JSONPath or JSON pointer, or null when nothing is there. */
    static JsonNode at(JsonNode root, String path) {
        if (path.startsWith("/") || path.isEmpty()) {
            JsonNode found = root.at(path);
            return found.isMissingNode() ? null : found;
        }
        if (!path.startsWith("$")) {
            throw new IllegalArgumentException("'" + path + "' is neither a JSONPath ($.a.b) nor a JSON pointer (/a/b)");
        }
        try {
            return JsonPaths.read(path, root);
        } catch (JsonPaths.NotFound e) {
            return null;
        }
    }
}
