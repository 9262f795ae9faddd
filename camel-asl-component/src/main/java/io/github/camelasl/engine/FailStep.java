package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.intrinsic.IntrinsicFunctions;
import io.github.camelasl.model.FailState;

/** Fail: ends its scope with Error and Cause, given as text or read through ErrorPath/CausePath. */
public final class FailStep {

    private FailStep() {
    }

    static void run(Scope scope) {
        Transitions.enter(scope);
        FailState state = (FailState) scope.current();
        if (JsonataStates.applies(state)) {
            ObjectNode states = JsonataStates.states(scope);
            scope.fail(new AslError(jsonataText(scope, state.error(), states, "Error"),
                    jsonataText(scope, state.cause(), states, "Cause")));
            return;
        }
        String error = text(scope, "ErrorPath", state.error(), state.errorPath());
        String cause = text(scope, "CausePath", state.cause(), state.causePath());
        scope.fail(new AslError(error, cause));
    }

    private static String jsonataText(Scope scope, JsonNode field, ObjectNode states, String name) {
        if (field == null || field.isNull()) {
            return null;
        }
        JsonNode value = JsonataStates.value(scope, field, states, name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String text(Scope scope, String field, JsonNode literal, String path) {
        if (path != null) {
            JsonNode value = IntrinsicFunctions.isIntrinsic(path)
                    ? IntrinsicFunctions.evaluate(path, scope.stateInput(), scope.bindings())
                    : InputOutput.readField(field, path, scope.stateInput(), scope.bindings());
            if (!value.isTextual()) {
                throw AslError.runtime("The " + field + " field must reference a string value, but was: "
                        + io.github.camelasl.dataflow.Json.write(value));
            }
            return value.textValue();
        }
        return literal == null || literal.isNull() ? null : literal.asText();
    }
}
