package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.jsonata.ExpectedType;
import io.github.camelasl.dataflow.jsonata.JsonataExpressions;
import io.github.camelasl.dataflow.jsonata.TimeLimit;
import io.github.camelasl.model.QueryLanguage;
import io.github.camelasl.model.State;
import io.github.camelasl.model.TaskState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSONata dialect's side of a state: the {@code $states} object ({@code input}, {@code context}, and
 * {@code result} or {@code errorOutput} once there is one) and the evaluation of the JSONata fields
 * (Arguments, Output, Assign, and the scalar fields that may be {@code {% %}} expressions).
 */
final class JsonataStates {

    private JsonataStates() {
    }

    static boolean applies(State state) {
        return state.common().queryLanguage() == QueryLanguage.JSONata;
    }

    /** {@code $states} before the state has a result: its raw input and the context object. */
    static ObjectNode states(Scope scope) {
        ObjectNode states = Json.NODES.objectNode();
        states.set("input", scope.stateInput());
        states.set("context", scope.contextObject());
        return states;
    }

    static ObjectNode withResult(Scope scope, JsonNode result) {
        ObjectNode states = states(scope);
        states.set("result", result);
        return states;
    }

    static ObjectNode withErrorOutput(Scope scope, JsonNode errorOutput) {
        ObjectNode states = states(scope);
        states.set("errorOutput", errorOutput);
        return states;
    }

    /** Evaluates a template field; {@code field} names it in errors ("Arguments", "Output", ...). */
    static JsonNode template(Scope scope, JsonNode template, ObjectNode states, String field) {
        return withinTimeouts(scope,
                limit -> JsonataExpressions.evaluateTemplate(template, states, scope.variables()::get, field, limit));
    }

    /** Output, or {@code fallback} (the input, or the result) when the state has none. */
    static JsonNode output(Scope scope, JsonNode output, ObjectNode states, JsonNode fallback) {
        return output == null ? fallback : template(scope, output, states, "Output");
    }

    /** Evaluates an Assign block; every expression reads the variables as they were before the state. */
    static Map<String, JsonNode> assign(Scope scope, JsonNode assign, ObjectNode states) {
        if (assign == null || assign.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        template(scope, assign, states, "Assign").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** A scalar field (TimeoutSeconds, Seconds, MaxConcurrency, Error, ...): a literal or one expression. */
    static JsonNode value(Scope scope, JsonNode value, ObjectNode states, String field) {
        return value(scope, value, states, field, ExpectedType.ANY);
    }

    /** As {@link #value}, failing as AWS does when an expression gives nothing or a value of another type. */
    static JsonNode value(Scope scope, JsonNode value, ObjectNode states, String field, ExpectedType expected) {
        return JsonataExpressions.isExpression(value)
                ? withinTimeouts(scope, limit -> JsonataExpressions.evaluateAs(value.textValue(), states,
                        scope.variables()::get, field, expected, limit))
                : value;
    }

    /**
     * Runs an evaluation within the default bound, or less when the Task's TimeoutSeconds (a number) or what is left
     * of the execution's TimeoutSeconds is shorter. Running out of the Task's fails the state with States.Timeout;
     * running out of the execution's ends the execution TIMED_OUT, as its timer would a moment later.
     */
    private static JsonNode withinTimeouts(Scope scope, Function<TimeLimit, JsonNode> evaluation) {
        EngineClock clock = scope.execution().clock();
        long now = clock.millis();
        Long left = null;
        if (scope.current() instanceof TaskState task && task.timeoutSeconds() != null
                && task.timeoutSeconds().isNumber()) {
            left = task.timeoutSeconds().longValue() * 1000; // at most 99999999 s: validated
        }
        Long executionDeadline = executionDeadline(scope);
        if (executionDeadline != null) {
            left = left == null ? executionDeadline - now : Math.min(left, executionDeadline - now);
        }
        try {
            return evaluation.apply(TimeLimit.within(left));
        } catch (AslError e) {
            if (ErrorNames.TIMEOUT.equals(e.error()) && executionDeadline != null
                    && clock.millis() >= executionDeadline) {
                scope.execution().finish(ExecutionStatus.TIMED_OUT, null, null, null);
            }
            throw e;
        }
    }

    /** When the execution's TimeoutSeconds runs out (its top-level machine's), or null without one. */
    private static Long executionDeadline(Scope scope) {
        Scope top = scope;
        while (top.parent() != null) {
            top = top.parent();
        }
        Integer timeoutSeconds = top.machine().timeoutSeconds();
        return timeoutSeconds == null ? null
                : scope.execution().timeoutBase().toEpochMilli() + timeoutSeconds * 1000L;
    }

    /** The expression inside {@code {% %}}, as AWS quotes it in error causes. */
    static String expressionText(JsonNode value) {
        String text = value.textValue().trim();
        return text.substring(2, text.length() - 2).trim();
    }
}
