package io.github.camelasl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.dataflow.PayloadTemplate;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import io.github.camelasl.model.Template;

/**
 * A JSONPath payload template (first line, JSON, e.g. {@code {"name.$": "$.a", "n": 1}}) over data (the rest), as a
 * Pass state's Parameters: when the validator accepts the template, it is parsed as the definition parser does and
 * evaluated; the result is a value or an ASL error, never another exception.
 */
class PayloadTemplateFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void evaluate(byte[] bytes) {
        FuzzInput input = FuzzInput.of(bytes);
        JsonNode template = input.headJson();
        if (template == null) {
            return;
        }
        ObjectNode state = Json.NODES.objectNode();
        state.put("Type", "Pass");
        state.set("Parameters", template);
        state.put("End", true);
        if (!FuzzInput.valid(FuzzInput.machine(state))) {
            return;
        }
        try {
            PayloadTemplate.evaluate(Template.parse(template), input.data(), input.bindings());
        } catch (AslError error) {
            FuzzInput.assertAslError(error, ErrorNames.INTRINSIC_FAILURE, ErrorNames.RUNTIME);
        }
    }
}
