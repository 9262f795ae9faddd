package io.github.camelasl.test;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An execution's history read for assertions: the states entered in order (Parallel branches' and Map iterations'
 * included), each entry's input and exit's output, and the Task attempts of each state (a retry records a new
 * TaskScheduled, not a new StateEntered: an attempt is attributed to the state its chain of previousEventId leads
 * back to).
 */
final class HistoryView {

    private final List<JsonNode> events;
    private final Map<Long, JsonNode> byId = new HashMap<>();

    private HistoryView(List<JsonNode> events) {
        this.events = events;
        events.forEach(event -> byId.put(event.path("id").asLong(), event));
    }

    static HistoryView of(List<JsonNode> events) {
        return new HistoryView(events == null ? List.of() : events);
    }

    List<String> eventTypes() {
        return events.stream().map(event -> event.path("type").asText()).toList();
    }

    /** The names of the states entered, in the order they were. */
    List<String> enteredStates() {
        List<String> names = new ArrayList<>();
        for (JsonNode event : events) {
            if (event.path("type").asText().endsWith("StateEntered")) {
                names.add(event.path("stateEnteredEventDetails").path("name").asText());
            }
        }
        return names;
    }

    /** The StateEntered events of {@code state}. */
    List<JsonNode> entries(String state) {
        return events.stream().filter(event -> event.path("type").asText().endsWith("StateEntered")
                && state.equals(event.path("stateEnteredEventDetails").path("name").asText())).toList();
    }

    /** The StateExited events of {@code state}. */
    List<JsonNode> exits(String state) {
        return events.stream().filter(event -> event.path("type").asText().endsWith("StateExited")
                && state.equals(event.path("stateExitedEventDetails").path("name").asText())).toList();
    }

    /** How many times {@code state}'s Task was scheduled (its first attempts and its retries). */
    int attempts(String state) {
        int attempts = 0;
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            if ((type.equals("TaskScheduled") || type.equals("ActivityScheduled")
                    || type.equals("LambdaFunctionScheduled")) && state.equals(stateOf(event))) {
                attempts++;
            }
        }
        return attempts;
    }

    /** The name of the state an event belongs to: the StateEntered its previousEventId chain leads to. */
    private String stateOf(JsonNode event) {
        JsonNode at = event;
        for (int hops = 0; at != null && hops < events.size(); hops++) {
            if (at.path("type").asText().endsWith("StateEntered")) {
                return at.path("stateEnteredEventDetails").path("name").asText();
            }
            long previous = at.path("previousEventId").asLong(0);
            if (previous <= 0 || previous >= at.path("id").asLong()) {
                return null;
            }
            at = byId.get(previous);
        }
        return null;
    }

    /** For an execution that has not ended: the last state entered and the last event. */
    String whereItIs() {
        List<String> entered = enteredStates();
        JsonNode last = events.isEmpty() ? null : events.get(events.size() - 1);
        return "still running" + (entered.isEmpty() ? "" : ", last state entered: " + entered.get(entered.size() - 1))
                + (last == null ? "" : ", last event: " + last.path("type").asText());
    }
}
