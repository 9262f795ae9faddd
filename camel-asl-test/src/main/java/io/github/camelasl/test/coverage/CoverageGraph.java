package io.github.camelasl.test.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.graph.ExecutionGraphs;
import io.github.camelasl.graph.GraphFormat;
import io.github.camelasl.graph.StateStatus;
import io.github.camelasl.model.DefinitionParser;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A definition's graph (camel-asl-graph's layout) coloured by coverage: a state tests entered is drawn as SUCCEEDED,
 * one they did not as NOT_REACHED, each edge green when taken and grey when not, under a "covered / not covered"
 * legend. The SVG renderer escapes every text.
 */
final class CoverageGraph {

    private CoverageGraph() {
    }

    static String svg(ExecutionGraphs graphs, DefinitionCoverage coverage) {
        ObjectNode graph = graphs.definitionGraph(coverage.definition());
        graph.put("legend", "coverage");
        Map<TrackedDefinition.Key, CoverageItem> items = new HashMap<>();
        for (CoverageItem item : coverage.items()) {
            items.put(TrackedDefinition.key(item), item);
        }
        Set<String> topLevel = topLevelStates(coverage.definition());
        Map<String, String> stateOf = new HashMap<>();
        for (JsonNode node : graph.path("nodes")) {
            ObjectNode object = (ObjectNode) node;
            String type = object.path("type").asText();
            String state = object.path("state").asText(null);
            stateOf.put(object.path("id").asText(), state);
            boolean covered;
            if (type.equals("Start")) {
                covered = coverage.items(CoverageItem.Kind.TRANSITION).stream()
                        .anyMatch(item -> item.state() == null && topLevel.contains(item.to()) && item.covered());
            } else if (type.equals("End")) {
                covered = coverage.items(CoverageItem.Kind.TRANSITION).stream()
                        .anyMatch(item -> item.to() == null && topLevel.contains(item.state()) && item.covered());
            } else {
                covered = covered(items, new TrackedDefinition.Key(CoverageItem.Kind.STATE, state, 0, null));
            }
            status(object, covered);
        }
        for (JsonNode group : graph.path("groups")) {
            ObjectNode object = (ObjectNode) group;
            String state = object.path("state").asText(null);
            stateOf.put(object.path("id").asText(), state);
            if (!object.path("kind").asText().equals("Branch")) {
                status(object, covered(items, new TrackedDefinition.Key(CoverageItem.Kind.STATE, state, 0, null)));
            }
        }
        // a state's choice and catch edges come in the order of its rules and catchers
        Map<String, Integer> choiceEdges = new HashMap<>();
        Map<String, Integer> catchEdges = new HashMap<>();
        for (JsonNode edge : graph.path("edges")) {
            String from = stateOf.get(edge.path("from").asText());
            String to = stateOf.get(edge.path("to").asText());
            TrackedDefinition.Key key = switch (edge.path("kind").asText()) {
                case "choice" -> new TrackedDefinition.Key(CoverageItem.Kind.CHOICE_RULE, from,
                        choiceEdges.merge(from, 1, Integer::sum) - 1, null);
                case "default" -> new TrackedDefinition.Key(CoverageItem.Kind.CHOICE_RULE, from, -1, null);
                case "catch" -> new TrackedDefinition.Key(CoverageItem.Kind.CATCHER, from,
                        catchEdges.merge(from, 1, Integer::sum) - 1, null);
                default -> new TrackedDefinition.Key(CoverageItem.Kind.TRANSITION, from, 0, to); // start, next, end
            };
            ((ObjectNode) edge).put("covered", covered(items, key));
        }
        return GraphFormat.SVG.render(graph);
    }

    private static boolean covered(Map<TrackedDefinition.Key, CoverageItem> items, TrackedDefinition.Key key) {
        CoverageItem item = items.get(key);
        return item != null && item.covered();
    }

    private static void status(ObjectNode object, boolean covered) {
        object.put("status", (covered ? StateStatus.SUCCEEDED : StateStatus.NOT_REACHED).name());
    }

    /** The top level's states: its Start and End nodes stand for their transitions. */
    private static Set<String> topLevelStates(String definition) {
        try {
            return new HashSet<>(DefinitionParser.parse(Json.parse(definition)).states().keySet());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the definition is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
