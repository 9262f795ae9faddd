package io.github.camelasl.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;

/** Builders for the details objects of history events, in AWS's field names. */
public final class EventDetails {

    private EventDetails() {
    }

    public static ObjectNode withInput(JsonNode input) {
        ObjectNode d = Json.NODES.objectNode();
        d.put("input", Json.write(input));
        d.putObject("inputDetails").put("truncated", false);
        return d;
    }

    public static ObjectNode withOutput(JsonNode output) {
        ObjectNode d = Json.NODES.objectNode();
        d.put("output", Json.write(output));
        d.putObject("outputDetails").put("truncated", false);
        return d;
    }

    public static ObjectNode stateEntered(String name, JsonNode input) {
        ObjectNode d = withInput(input);
        d.put("name", name);
        return d;
    }

    public static ObjectNode stateExited(String name, JsonNode output) {
        ObjectNode d = withOutput(output);
        d.put("name", name);
        return d;
    }

    public static ObjectNode failure(String error, String cause) {
        ObjectNode d = Json.NODES.objectNode();
        if (cause != null) {
            d.put("cause", cause);
        }
        if (error != null) {
            d.put("error", error);
        }
        return d;
    }

    public static ObjectNode mapIteration(String name, int index) {
        ObjectNode d = Json.NODES.objectNode();
        d.put("index", index);
        d.put("name", name);
        return d;
    }
}
