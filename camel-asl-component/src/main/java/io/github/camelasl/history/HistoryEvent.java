package io.github.camelasl.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.Supplier;

/**
 * One history event. It is recorded cheaply (ids, type, time, a supplier of its details) and rendered to
 * AWS's JSON shape only when someone reads it: most events of most executions are never read,
 * and rendering (timestamp text, payloads as JSON text) is most of what recording a state used to cost. The
 * engine never changes a JSON tree once it is handed on, so rendering late shows what was recorded.
 */
public final class HistoryEvent {

    // ints, 8 bytes less per event: a history of more than 2^31 events does not fit in a heap anyway
    private final int id;
    private final int previousEventId;
    private final String type;
    /** Epoch milliseconds (AWS's precision): a long rather than an Instant, one object less per event. */
    private final long timestamp;
    private final String detailsField;
    private final Supplier<ObjectNode> details;
    private volatile ObjectNode json;

    HistoryEvent(long id, long previousEventId, String type, long timestamp, String detailsField,
            Supplier<ObjectNode> details) {
        this.id = Math.toIntExact(id);
        this.previousEventId = Math.toIntExact(previousEventId);
        this.type = type;
        this.timestamp = timestamp;
        this.detailsField = detailsField;
        this.details = details;
    }

    /**
     * An event read back from a durable store, already rendered: a resumed execution's history goes on from
     * it.
     */
    public static HistoryEvent stored(ObjectNode json) {
        if (json.path("id").asLong() <= 0 || json.path("type").asText().isEmpty()
                || !json.path("timestamp").isTextual()) {
            throw new IllegalArgumentException("the stored event " + abbreviate(json.toString())
                    + " has no id, type or timestamp");
        }
        HistoryEvent event = new HistoryEvent(json.path("id").asLong(), json.path("previousEventId").asLong(),
                json.path("type").asText(), Instant.parse(json.path("timestamp").asText()).toEpochMilli(), null,
                null);
        event.json = json;
        return event;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    public long id() {
        return id;
    }

    public long previousEventId() {
        return previousEventId;
    }

    /** The type as AWS writes it ("PassStateEntered", "TaskSucceeded", ...). */
    public String type() {
        return type;
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(timestamp);
    }

    /** The event as GetExecutionHistory returns it; rendered once, on first use. */
    public ObjectNode toJson() {
        ObjectNode rendered = json;
        if (rendered == null) {
            rendered = renderDetails();
            json = rendered;
        }
        return rendered;
    }

    /**
     * The event as {@link #toJson()} returns it, rendered anew and not kept: for a store that writes it once (kept,
     * the rendered events of a long execution would take several times the heap its history does).
     */
    public ObjectNode render() {
        ObjectNode rendered = json;
        return rendered != null ? rendered : renderDetails();
    }

    private ObjectNode renderDetails() {
        ObjectNode event = Json.NODES.objectNode();
        event.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(timestamp)));
        event.put("type", type);
        event.put("id", (long) id);
        event.put("previousEventId", (long) previousEventId);
        ObjectNode detailsObject = details == null ? null : details.get();
        if (detailsObject != null && detailsField != null) {
            event.set(detailsField, detailsObject);
        }
        return event;
    }
}
