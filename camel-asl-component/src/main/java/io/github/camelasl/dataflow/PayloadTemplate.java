package io.github.camelasl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.intrinsic.IntrinsicFunctions;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.model.Template;
import java.util.LinkedHashMap;

/**
 * Evaluates a JSONPath-dialect payload template (Parameters, ItemSelector, ResultSelector, BatchInput), of any
 * JSON type. A key ending in {@code .$} takes its value from a path or an intrinsic function call and loses the
 * suffix; other values are copied, nested objects and arrays are evaluated recursively. The definition's templates
 * are parsed once ({@link Template}); a template met at run time (an ItemReader's Parameters) is parsed as it is
 * evaluated.
 */
public final class PayloadTemplate {

    private PayloadTemplate() {
    }

    public static JsonNode evaluate(JsonNode template, JsonNode data, Bindings bindings) {
        return evaluate(Template.parse(template), data, bindings);
    }

    public static JsonNode evaluate(Template template, JsonNode data, Bindings bindings) {
        if (template instanceof Template.Fields object) {
            String[] names = object.names();
            Template[] values = object.values();
            // sized for its fields: no rehash as they go in
            ObjectNode out = new ObjectNode(Json.NODES, new LinkedHashMap<>(names.length * 4 / 3 + 1));
            for (int i = 0; i < names.length; i++) {
                out.set(names[i], evaluate(values[i], data, bindings));
            }
            return out;
        }
        if (template instanceof Template.Dynamic dynamic) {
            return dynamicValue(dynamic.field(), dynamic.expression(), data, bindings);
        }
        if (template instanceof Template.Elements array) {
            ArrayNode out = Json.NODES.arrayNode(array.elements().length);
            for (Template element : array.elements()) {
                out.add(evaluate(element, data, bindings));
            }
            return out;
        }
        return template.source(); // fixed: shared, never changed (see Template)
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
