package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.InputOutput;
import java.util.Map;

/** Succeed: ends its scope with its (InputPath/OutputPath-filtered) input. */
public final class SucceedStep {

    private SucceedStep() {
    }

    static void run(Scope scope) {
        Transitions.enter(scope);
        if (JsonataStates.applies(scope.current())) {
            Transitions.exit(scope, JsonataStates.output(scope, scope.current().common().output(),
                    JsonataStates.states(scope), scope.stateInput()), Map.of());
            return;
        }
        Bindings bindings = scope.bindings();
        JsonNode effective = InputOutput.inputPath(scope.current().common().inputPath(), scope.stateInput(), bindings);
        Transitions.exit(scope, InputOutput.outputPath(scope.current().common().outputPath(), effective, bindings),
                Map.of());
    }
}
