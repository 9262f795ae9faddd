package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;

/** JSON manipulation: States.StringToJson, States.JsonToString and States.JsonMerge. */
final class JsonFunctions {

    private JsonFunctions() {
    }

    /** States.StringToJson(string): parses JSON text. AWS gives null for an empty or blank string. */
    static JsonNode stringToJson(Args args) {
        String text = args.text(0, "the JSON string");
        if (text.isBlank()) {
            return Json.NODES.nullNode();
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw args.fail("the string '" + abbreviate(text) + "' is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** States.JsonToString(value): the value as compact JSON text, e.g. {"Arg1":1,"Arg2":[]}. */
    static JsonNode jsonToString(Args args) {
        return Json.NODES.textNode(Json.write(args.get(0)));
    }

    /**
     * States.JsonMerge(object1, object2, deep): a shallow merge, keys of the second object replace those of the first
     * and nested objects are not merged. AWS supports only the shallow mode, so deep must be false.
     */
    static JsonNode jsonMerge(Args args) {
        ObjectNode first = args.object(0, "the first JSON object");
        ObjectNode second = args.object(1, "the second JSON object");
        if (args.bool(2, "the deep merge flag")) {
            throw args.fail("Step Functions only supports the shallow merging mode; the deep merge flag must be"
                    + " false");
        }
        ObjectNode merged = Json.NODES.objectNode();
        merged.setAll(first);
        merged.setAll(second);
        return merged;
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
