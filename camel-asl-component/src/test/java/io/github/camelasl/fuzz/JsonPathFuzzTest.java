package io.github.camelasl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.InputOutput;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.ResultPath;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;

/**
 * A path (first line) over data (the rest), as a state reads and writes it: InputPath/OutputPath and a reference
 * path field (SecondsPath, ...) through {@link InputOutput}, ResultPath through {@link ResultPath}, each only when
 * the validator accepts the path there, as the engine runs only validated definitions. Either the value comes
 * back or an ASL error says which path found nothing; never another exception.
 */
class JsonPathFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void readAndWrite(byte[] bytes) {
        FuzzInput input = FuzzInput.of(bytes);
        String path = input.head();
        JsonNode data = input.data();
        if (accepted("InputPath", path)) {
            try {
                InputOutput.inputPath(path, data, input.bindings());
            } catch (AslError error) {
                FuzzInput.assertAslError(error, ErrorNames.RUNTIME);
            }
        }
        if (accepted("SecondsPath", path)) {
            try {
                InputOutput.readField("SecondsPath", path, data, input.bindings());
            } catch (AslError error) {
                FuzzInput.assertAslError(error, ErrorNames.RUNTIME);
            }
        }
        if (accepted("ResultPath", path)) {
            try {
                ResultPath.apply(path, data, Json.NODES.textNode("result"));
            } catch (AslError error) {
                FuzzInput.assertAslError(error, ErrorNames.RESULT_PATH_MATCH_FAILURE);
            }
        }
    }

    /** True when a Pass (or, for SecondsPath, a Wait) state with this path in this field passes validation. */
    private static boolean accepted(String field, String path) {
        ObjectNode state = Json.NODES.objectNode();
        state.put("Type", field.equals("SecondsPath") ? "Wait" : "Pass");
        state.put(field, path);
        state.put("End", true);
        return FuzzInput.valid(FuzzInput.machine(state));
    }
}
