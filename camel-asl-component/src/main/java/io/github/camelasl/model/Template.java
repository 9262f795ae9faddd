package io.github.camelasl.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSONPath-dialect payload template (Parameters, ItemSelector, ResultSelector), parsed once when the definition
 * is. It may be any JSON value, as in AWS: objects at any depth of arrays and objects are templates. It records
 * which fields are dynamic ({@code "name.$"}: a path or an intrinsic call, the name without its suffix) and
 * which parts are fixed. A fixed part is the definition's own node, handed on as it is (the engine never changes
 * a tree once handed on, as for a Pass's Result). Evaluating it is {@code dataflow.PayloadTemplate}'s.
 */
public sealed interface Template {

    /** The template as written. */
    JsonNode source();

    /** Parses a template; null for null. */
    static Template parse(JsonNode template) {
        if (template == null) {
            return null;
        }
        if (template.isObject()) {
            int size = template.size();
            String[] names = new String[size];
            Template[] values = new Template[size];
            boolean fixed = true;
            int i = 0;
            for (Iterator<Map.Entry<String, JsonNode>> fields = template.fields(); fields.hasNext(); i++) {
                Map.Entry<String, JsonNode> field = fields.next();
                String key = field.getKey();
                JsonNode value = field.getValue();
                if (key.endsWith(".$") && value.isTextual()) {
                    names[i] = key.substring(0, key.length() - 2);
                    values[i] = new Dynamic(key, value.textValue(), value);
                } else {
                    names[i] = key;
                    values[i] = parse(value);
                }
                fixed &= values[i] instanceof Fixed;
            }
            return fixed ? new Fixed(template) : new Fields(names, values, template);
        }
        if (template.isArray()) {
            Template[] elements = new Template[template.size()];
            boolean fixed = true;
            for (int i = 0; i < elements.length; i++) {
                elements[i] = parse(template.get(i));
                fixed &= elements[i] instanceof Fixed;
            }
            return fixed ? new Fixed(template) : new Elements(elements, template);
        }
        return new Fixed(template);
    }

    /** A part with no dynamic field in it: its value is itself. */
    record Fixed(JsonNode source) implements Template {
    }

    /** A {@code "name.$"} field's value: a path or an intrinsic function call; {@code field} as written, for errors. */
    record Dynamic(String field, String expression, JsonNode source) implements Template {
    }

    /** An object with a dynamic field somewhere in it: {@code names[i]} (suffix cut) takes {@code values[i]}. */
    record Fields(String[] names, Template[] values, JsonNode source) implements Template {
    }

    /** An array with a dynamic field somewhere in it. */
    record Elements(Template[] elements, JsonNode source) implements Template {
    }
}
