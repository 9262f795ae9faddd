package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    static void run(Scope scope) {
        Transitions.enter(scope);
        PassState state = (PassState) scope.current();
        if (JsonataStates.applies(state)) {
            ObjectNode states = JsonataStates.states(scope);
            Map<String, JsonNode> assigned = JsonataStates.assign(scope, state.common().assign(), states);
            Transitions.exit(scope, JsonataStates.output(scope, state.common().output(), states, scope.stateInput()),
                    assigned);
            return;
        }
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
