package io.github.camelasl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.PayloadTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Assign: every expression reads the variables as they were before the state, and the new values take effect
 * only once the state's output is computed, so evaluation is split from application.
 */
final class Assignments {

    private Assignments() {
    }

    /**
     * Evaluates a JSONPath-dialect Assign block: {@code key.$} values are paths or intrinsic calls over
     * {@code data} (the state's result, or its input for Choice and Wait, or a Catch's error output).
     */
    static Map<String, JsonNode> evaluate(JsonNode assign, JsonNode data, Bindings bindings) {
        if (assign == null || assign.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        PayloadTemplate.evaluate(assign, data, bindings).fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
