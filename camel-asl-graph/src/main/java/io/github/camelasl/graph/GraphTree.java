package io.github.camelasl.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A graph JSON's nodes and groups by the group they are in (null: the top level), for the text renderers. */
final class GraphTree {

    final Map<String, List<JsonNode>> nodesIn = new HashMap<>();
    final Map<String, List<JsonNode>> groupsIn = new HashMap<>();
    /** Each group by its id. */
    final Map<String, JsonNode> groups = new HashMap<>();

    GraphTree(JsonNode graph) {
        for (JsonNode node : graph.path("nodes")) {
            nodesIn.computeIfAbsent(node.path("group").asText(null), g -> new ArrayList<>()).add(node);
        }
        for (JsonNode group : graph.path("groups")) {
            groups.put(group.path("id").asText(), group);
            groupsIn.computeIfAbsent(group.path("group").asText(null), g -> new ArrayList<>()).add(group);
        }
    }

    List<JsonNode> nodes(String group) {
        return nodesIn.getOrDefault(group, List.of());
    }

    List<JsonNode> groups(String group) {
        return groupsIn.getOrDefault(group, List.of());
    }

    /** A group's label with its Map run, when there is one: "Process (10 items: 9 succeeded, 1 failed)". */
    static String groupLabel(JsonNode graph, JsonNode group) {
        String label = group.path("label").asText("");
        JsonNode run = graph.path("mapRuns").path(group.path("state").asText(""));
        if (!run.isObject()) {
            return label;
        }
        long total = run.path("total").asLong();
        StringBuilder text = new StringBuilder(label).append(" (").append(total).append(total == 1 ? " item" : " items");
        for (String count : List.of("succeeded", "failed", "running", "aborted")) {
            if (run.path(count).asLong() > 0) {
                text.append(", ").append(run.path(count).asLong()).append(' ').append(count);
            }
        }
        return text.append(')').toString();
    }

    /** A node's status, or null without an execution. */
    static StateStatus status(JsonNode item) {
        String status = item.path("status").asText(null);
        if (status == null) {
            return null;
        }
        try {
            return StateStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null; // not one of ours: drawn without a status rather than not at all
        }
    }
}
