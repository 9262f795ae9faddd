package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.PayloadTemplate;
import io.github.camelasl.dataflow.ResultPath;
import io.github.camelasl.model.PassState;

/** Pass: InputPath, Parameters, Result, ResultPath, OutputPath, and nothing else. */
public final class PassStep {

    private PassStep() {
    }

    public static void run(Scope scope) {
        Transitions.enter(scope);
        PassState state = (PassState) scope.current();
        JsonNode raw = scope.stateInput();
        JsonNode context = scope.contextObject();
        JsonNode effective = InputOutput.inputPath(state.common().inputPath(), raw, context);
        if (state.parameters() != null) {
            effective = PayloadTemplate.evaluate(state.parameters(), effective, context);
        }
        JsonNode result = state.result() != null ? state.result() : effective;
        JsonNode combined = ResultPath.apply(state.resultPath(), raw, result);
        Transitions.exit(scope, InputOutput.outputPath(state.common().outputPath(), combined, context));
    }
}
