package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.PayloadTemplate;
import io.github.camelasl.dataflow.ResultPath;
import io.github.camelasl.model.PassState;
import java.util.Map;

/** Pass: InputPath, Parameters, Result, Assign, ResultPath, OutputPath, and nothing else. */
public final class PassStep {

    private PassStep() {
    }

    public static void run(Scope scope) {
        Transitions.enter(scope);
        PassState state = (PassState) scope.current();
        JsonNode raw = scope.stateInput();
        Bindings bindings = scope.bindings();
        JsonNode effective = InputOutput.inputPath(state.common().inputPath(), raw, bindings);
        if (state.parameters() != null) {
            effective = PayloadTemplate.evaluate(state.parameters(), effective, bindings);
        }
        JsonNode result = state.result() != null ? state.result() : effective;
        Map<String, JsonNode> assigned = Assignments.evaluate(state.common().assign(), result, bindings);
        JsonNode combined = ResultPath.apply(state.resultPath(), raw, result);
        Transitions.exit(scope, InputOutput.outputPath(state.common().outputPath(), combined, bindings), assigned);
    }
}
