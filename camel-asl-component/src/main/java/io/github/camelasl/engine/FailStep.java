package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.intrinsic.IntrinsicFunctions;
import io.github.camelasl.model.FailState;

/** Fail: ends its scope with Error and Cause, given as text or read through ErrorPath/CausePath. */
public final class FailStep {

    private FailStep() {
    }

    public static void run(Scope scope) {
        Transitions.enter(scope);
        FailState state = (FailState) scope.current();
        String error = text(scope, "ErrorPath", state.error(), state.errorPath());
        String cause = text(scope, "CausePath", state.cause(), state.causePath());
        scope.fail(new AslError(error, cause));
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
