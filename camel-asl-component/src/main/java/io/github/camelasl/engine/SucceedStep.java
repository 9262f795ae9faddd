package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.InputOutput;

/** Succeed: ends its scope with its (InputPath/OutputPath-filtered) input. */
public final class SucceedStep {

    private SucceedStep() {
    }

    public static void run(Scope scope) {
        Transitions.enter(scope);
        JsonNode context = scope.contextObject();
        JsonNode effective = InputOutput.inputPath(scope.current().common().inputPath(), scope.stateInput(), context);
        Transitions.exit(scope, InputOutput.outputPath(scope.current().common().outputPath(), effective, context));
    }
}
