package io.github.camelasl.aws.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.SdkJson;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

/**
 * PutEvents as Step Functions' optimized integration makes it: it takes {@code Entries} only; an entry's object
 * {@code Detail} is sent as its JSON text; the state machine's and the execution's ARNs are appended to each entry's
 * {@code Resources} (AWS's recorded events carry them); the result is the response without SDK metadata, and a
 * response with failed entries fails the Task with {@code EventBridge.FailedEntry}, the response as its cause.
 */
final class PutEvents {

    static final Set<String> PARAMETERS = Set.of("Entries");
    static final String FAILED_ENTRY = "EventBridge.FailedEntry";

    private PutEvents() {
    }

    /**
     * @param executionArn the ARN of the execution whose Task this is (the engine's header), or null when the
     *                     endpoint is called other than from a Task: no Resources are added then
     */
    static ObjectNode call(EventBridgeClient client, JsonNode input, String executionArn) {
        if (!input.isObject()) {
            throw new IllegalArgumentException("events:putEvents needs an object of parameters, not "
                    + Json.write(input));
        }
        for (String name : (Iterable<String>) input::fieldNames) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("events:putEvents: " + notSupported(name) + "; it takes Entries");
            }
        }
        ObjectNode request = input.deepCopy();
        if (request.get("Entries") instanceof ArrayNode entries) {
            List<String> resources = executionArn == null ? List.of() : arnsOf(executionArn);
            for (JsonNode entry : entries) {
                if (entry instanceof ObjectNode object) {
                    if (object.get("Detail") instanceof ObjectNode detail) {
                        object.put("Detail", Json.write(detail));
                    }
                    if (!resources.isEmpty()) {
                        ArrayNode list = object.get("Resources") instanceof ArrayNode given ? given
                                : object.putArray("Resources");
                        resources.forEach(list::add);
                    }
                }
            }
        }
        PutEventsRequest.Builder builder = PutEventsRequest.builder();
        SdkJson.fill("events:putEvents", (SdkPojo) builder, request, Set.of());
        PutEventsResponse response = client.putEvents(builder.build());
        ObjectNode result = SdkJson.toJson(response);
        if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
            throw new AslError(FAILED_ENTRY, Json.write(result));
        }
        return result;
    }

    /** AWS's words for a parameter the optimized integration does not take. */
    static String notSupported(String parameter) {
        return "The field '" + parameter + "' is not supported by Step Functions";
    }

    /**
     * The state machine's and the execution's ARN: {@code arn:P:states:R:A:execution:M:N} (or {@code express:M:N:ID})
     * belongs to {@code arn:P:states:R:A:stateMachine:M}.
     */
    static List<String> arnsOf(String executionArn) {
        String[] parts = executionArn.split(":", -1);
        if (parts.length < 8 || !"states".equals(parts[2])
                || !("execution".equals(parts[5]) || "express".equals(parts[5]))) {
            return List.of(executionArn);
        }
        String stateMachine = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "stateMachine",
                parts[6]);
        return List.of(stateMachine, executionArn);
    }
}
