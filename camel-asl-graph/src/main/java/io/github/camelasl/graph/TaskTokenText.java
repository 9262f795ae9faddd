package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The task token a {@code .waitForTaskToken} Task waited for. No event names it as such: the definition hands it on
 * in its parameters ({@code "TaskToken.$": "$$.Task.Token"}, any field name), so it is the first text value of a
 * field whose name holds "token" in the TaskScheduled event's parameters.
 */
final class TaskTokenText {

    /** Fields looked at most: parameters are data, up to 256 KB of it. */
    private static final int MAX_FIELDS = 10_000;

    private TaskTokenText() {
    }

    static String find(HistoryIndex.Instance instance, JsonNode scheduled) {
        if (scheduled == null) {
            return null;
        }
        JsonNode details = ExecutionGraphs.details(scheduled);
        if (!details.path("resource").asText("").endsWith(".waitForTaskToken")) {
            return null;
        }
        JsonNode parameters;
        try {
            parameters = Json.parse(details.path("parameters").asText("null"));
        } catch (Exception e) {
            return null; // not JSON: no token to show
        }
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.add(parameters);
        int seen = 0;
        while (!todo.isEmpty() && seen < MAX_FIELDS) {
            JsonNode node = todo.poll();
            if (node.isArray()) {
                node.forEach(todo::add);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext() && seen < MAX_FIELDS; seen++) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isTextual() && field.getKey().toLowerCase(Locale.ROOT).contains("token")) {
                    return field.getValue().asText();
                }
                todo.add(field.getValue());
            }
        }
        return null;
    }
}
