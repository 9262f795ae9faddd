package io.github.camelasl.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The history of one execution, as GetExecutionHistory returns it: events with id, previousEventId, type,
 * timestamp and the type's details object. Parallel branches and Map iterations append concurrently.
 */
public final class ExecutionHistory {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExecutionHistory.class);

    private final List<ObjectNode> events = new ArrayList<>();
    private final List<HistoryListener> listeners;

    public ExecutionHistory(List<HistoryListener> listeners) {
        this.listeners = listeners;
    }

    /**
     * Appends an event.
     *
     * @param type            the event type
     * @param typeName        the type as written (state events are prefixed by state type: "PassStateEntered")
     * @param previousEventId the event this one follows (0 for none)
     * @param details         the details object, or null
     * @return the new event's id
     */
    public long append(HistoryEventType type, String typeName, long previousEventId, ObjectNode details) {
        ObjectNode event = Json.NODES.objectNode();
        event.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(Instant.now()));
        event.put("type", typeName);
        long id;
        synchronized (events) {
            id = events.size() + 1L;
            event.put("id", id);
            event.put("previousEventId", previousEventId);
            if (details != null && type.detailsField() != null) {
                event.set(type.detailsField(), details);
            }
            events.add(event);
        }
        for (HistoryListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                // a listener (a trace, a store) must not stop the execution it watches
                LOG.warn("History listener {} failed on event {} ({}): {}", listener, id, typeName, e.toString());
            }
        }
        return id;
    }

    public long append(HistoryEventType type, long previousEventId, ObjectNode details) {
        return append(type, type.name(), previousEventId, details);
    }

    /** A copy of the events so far. */
    public List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public long lastEventId() {
        synchronized (events) {
            return events.size();
        }
    }
}
