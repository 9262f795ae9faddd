package io.github.camelasl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.intrinsic.IntrinsicFunctions;
import io.github.camelasl.engine.AslError;
import java.util.Iterator;
import java.util.Map;

/**
 * Evaluates a JSONPath-dialect payload template: Parameters, ItemSelector, ResultSelector. A key ending in
 * {@code .$} takes its value from a path or an intrinsic function call and loses the suffix; other values are
 * copied, nested objects and arrays are evaluated recursively.
 */
public final class PayloadTemplate {

    /** "a.$" -> "a", kept rather than cut on every evaluation (a definition has few such keys). */
    private static final Memo<String, String> STRIPPED = new Memo<>(k -> k.substring(0, k.length() - 2));

    private PayloadTemplate() {
    }

    public static JsonNode evaluate(JsonNode template, JsonNode data, Bindings bindings) {
        if (template.isObject()) {
            ObjectNode out = Json.NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = template.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (key.endsWith(".$") && value.isTextual()) {
                    out.set(STRIPPED.get(key),
                            dynamicValue(key, value.textValue(), data, bindings));
                } else {
                    out.set(key, evaluate(value, data, bindings));
                }
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.NODES.arrayNode(template.size());
            template.forEach(element -> out.add(evaluate(element, data, bindings)));
            return out;
        }
        return template;
    }

    private static JsonNode dynamicValue(String key, String expression, JsonNode data, Bindings bindings) {
        if (IntrinsicFunctions.isIntrinsic(expression)) {
            return IntrinsicFunctions.evaluate(expression, data, bindings);
        }
        try {
            return JsonPaths.read(expression, data, bindings);
        } catch (JsonPaths.NotFound e) {
            throw AslError.runtime("The JSONPath '" + expression + "' specified for the field '" + key
                    + "' could not be found in the input '" + Json.write(data) + "'");
        }
    }
}
