package io.github.camelasl.aws.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Enough of EventBridge for PutEvents, on a free loopback port (the AWS JSON 1.1 protocol, target
 * {@code AWSEvents.PutEvents}, through {@link JsonProtocolStandIn}): each entry is checked as EventBridge checks it
 * and answered with an EventId or, per entry, with AWS's ErrorCode and ErrorMessage ({@code MalformedDetail} for a
 * Detail that is not a JSON object's text, {@code InvalidArgument} for a missing Source or DetailType), with
 * {@code FailedEntryCount}. Every accepted entry is kept as the event a rule's target would receive.
 */
public final class EventBridgeStandIn implements AutoCloseable {

    public static final String ACCOUNT = "123456789012";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonProtocolStandIn server;
    private final String region;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    public EventBridgeStandIn(String region) throws IOException {
        this.region = region;
        server = new JsonProtocolStandIn("1.1");
        server.on("AWSEvents.PutEvents", request -> new JsonProtocolStandIn.Answer(200, putEvents(request.body())));
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** The events accepted so far, as EventBridge delivers them (version, id, detail-type, source, ..., detail). */
    public List<JsonNode> events() {
        return List.copyOf(events);
    }

    /** Every PutEvents request as received. */
    public List<JsonProtocolStandIn.Request> requests() {
        return server.requests();
    }

    private JsonNode putEvents(JsonNode request) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode results = response.putArray("Entries");
        int failed = 0;
        for (JsonNode entry : request.path("Entries")) {
            ObjectNode result = results.addObject();
            String problem = problem(entry);
            if (problem != null) {
                failed++;
                result.put("ErrorCode", problem.startsWith("Detail") ? "MalformedDetail" : "InvalidArgument")
                        .put("ErrorMessage", problem);
                continue;
            }
            String id = UUID.randomUUID().toString();
            result.put("EventId", id);
            events.add(event(id, entry));
        }
        response.put("FailedEntryCount", failed);
        return response;
    }

    /** What EventBridge says of an entry it refuses, or null. */
    private static String problem(JsonNode entry) {
        for (String required : List.of("Source", "DetailType")) {
            if (entry.path(required).asText("").isEmpty()) {
                return "Parameter " + required + " is not valid. Reason: " + required + " is a required argument.";
            }
        }
        try {
            if (!JSON.readTree(entry.path("Detail").asText("")).isObject()) {
                return "Detail is malformed.";
            }
        } catch (IOException e) {
            return "Detail is malformed.";
        }
        return null;
    }

    private ObjectNode event(String id, JsonNode entry) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0").put("id", id).put("detail-type", entry.path("DetailType").asText())
                .put("source", entry.path("Source").asText()).put("account", ACCOUNT)
                .put("time", Instant.now().toString()).put("region", region);
        ArrayNode resources = event.putArray("resources");
        entry.path("Resources").forEach(resources::add);
        try {
            event.set("detail", JSON.readTree(entry.path("Detail").asText()));
        } catch (IOException e) {
            throw new IllegalStateException("checked above", e);
        }
        return event;
    }

    @Override
    public void close() {
        server.close();
    }
}
