package io.github.camelasl.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;

/**
 * AWS's TestState response: {@link #json()} as the API answers it, and its members read: status (SUCCEEDED, FAILED,
 * RETRIABLE, CAUGHT_ERROR), output (parsed), error, cause, nextState, inspectionData.
 */
public record TestStateResult(ObjectNode json) {

    public String status() {
        return text("status");
    }

    /** The state's output, parsed from the response's JSON text; null when there is none. */
    public JsonNode output() {
        String text = text("output");
        if (text == null) {
            return null;
        }
        try {
            return Json.parse(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("TestState answered an output that is not JSON: " + text, e);
        }
    }

    public String error() {
        return text("error");
    }

    public String cause() {
        return text("cause");
    }

    public String nextState() {
        return text("nextState");
    }

    /** inspectionData (afterInputPath, afterParameters, result, afterResultSelector, afterResultPath, ...); or null. */
    public ObjectNode inspectionData() {
        JsonNode data = json.get("inspectionData");
        return data instanceof ObjectNode object ? object : null;
    }

    private String text(String member) {
        JsonNode value = json.get(member);
        return value == null || value.isNull() ? null : value.asText();
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
