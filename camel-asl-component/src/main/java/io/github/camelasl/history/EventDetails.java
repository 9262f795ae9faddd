package io.github.camelasl.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;

/** Builders for the details objects of history events, in AWS's field names. */
public final class EventDetails {

    private EventDetails() {
    }

    /**
     * Payloads in history events are cut at 256 KiB, as AWS cuts them ({@code truncated: true}): the data
     * itself is never cut, only its copy in the history, so big payloads don't multiply in memory.
     */
    public static final int MAX_PAYLOAD_CHARS = 256 * 1024;

    public static ObjectNode withInput(JsonNode input) {
        return payload("input", "inputDetails", input);
    }

    public static ObjectNode withOutput(JsonNode output) {
        return payload("output", "outputDetails", output);
    }

    private static ObjectNode payload(String field, String detailsField, JsonNode value) {
        ObjectNode d = Json.NODES.objectNode();
        String text = Json.writeHandedOn(value);
        boolean truncated = text.length() > MAX_PAYLOAD_CHARS;
        d.put(field, truncated ? text.substring(0, MAX_PAYLOAD_CHARS) : text);
        d.putObject(detailsField).put("truncated", truncated);
        return d;
    }

    /** StateEntered's details, built when the event is read (the most frequent event: kept to one small object). */
    public static java.util.function.Supplier<ObjectNode> stateEntered(String name, JsonNode input) {
        return () -> {
            ObjectNode d = withInput(input);
            d.put("name", name);
            return d;
        };
    }

    /** StateExited's details, built when the event is read. */
    public static java.util.function.Supplier<ObjectNode> stateExited(String name, JsonNode output) {
        return () -> {
            ObjectNode d = withOutput(output);
            d.put("name", name);
            return d;
        };
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
