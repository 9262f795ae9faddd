package io.github.camelasl.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The graph of a definition alone: states, groups, edges, layout, diagnostics. */
class DefinitionGraphTest {

    static final String FAN_OUT = """
            {"StartAt": "Check", "States": {
              "Check": {"Type": "Choice", "Choices": [
                  {"Variable": "$.accuracy", "NumericGreaterThan": 0.9, "Next": "Fan out"},
                  {"And": [{"Variable": "$.a", "IsPresent": true}, {"Variable": "$.b", "StringEquals": "x"}],
                   "Next": "Reject"}],
                "Default": "Each"},
              "Fan out": {"Type": "Parallel", "Next": "Each", "Branches": [
                  {"StartAt": "Left", "States": {"Left": {"Type": "Pass", "End": true}}},
                  {"StartAt": "Right", "States": {"Right": {"Type": "Task", "Resource": "direct:ok", "Next": "Right 2"},
                                                  "Right 2": {"Type": "Pass", "End": true}}}]},
              "Each": {"Type": "Map", "ItemsPath": "$.items", "Next": "Done",
                "Catch": [{"ErrorEquals": ["States.TaskFailed", "States.Timeout"], "Next": "Reject"}],
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "direct:ok", "End": true}}}},
              "Reject": {"Type": "Fail", "Error": "Rejected"},
              "Done": {"Type": "Succeed"}}}""";

    private final ExecutionGraphs graphs = new ExecutionGraphs(10);

    @Test
    void statesGroupsAndEdgesOfADefinition() {
        ObjectNode graph = graphs.definitionGraph(FAN_OUT);
        assertEquals(0, graph.path("diagnostics").size(), graph.path("diagnostics")::toString);
        assertEquals("Choice", node(graph, "Check").path("type").asText());
        assertEquals("direct:ok", node(graph, "Right").path("detail").asText());
        assertTrue(node(graph, "Check").path("status").isMissingNode(), "no status without an execution");
        assertEquals(1, nodesOfType(graph, "Start").size());
        assertEquals(1, nodesOfType(graph, "End").size());

        JsonNode fanOut = group(graph, "Fan out");
        assertEquals("Parallel", fanOut.path("kind").asText());
        List<JsonNode> branches = new ArrayList<>();
        graph.path("groups").forEach(g -> {
            if (g.path("group").asText().equals(fanOut.path("id").asText())) {
                branches.add(g);
            }
        });
        assertEquals(List.of("Branch", "Branch"), branches.stream().map(b -> b.path("kind").asText()).toList());
        assertTrue(branches.get(0).path("state").isNull());
        assertEquals(branches.get(1).path("id").asText(), node(graph, "Right").path("group").asText());
        JsonNode each = group(graph, "Each");
        assertEquals("Map", each.path("kind").asText());
        assertEquals("Distributed", each.path("detail").asText());
        assertEquals(each.path("id").asText(), node(graph, "Work").path("group").asText());

        assertEdge(graph, "start", "Check", "start", null);
        assertEdge(graph, "Check", "Fan out", "choice", "$.accuracy > 0.9");
        assertEdge(graph, "Check", "Reject", "choice", "($.a is present: true) and ($.b == \"x\")");
        assertEdge(graph, "Check", "Each", "default", "Default");
        assertEdge(graph, "Fan out", "Each", "next", null);
        assertEdge(graph, "Each", "Reject", "catch", "States.TaskFailed, States.Timeout");
        assertEdge(graph, "Right", "Right 2", "next", null);
        assertEdge(graph, "Done", "end", "end", null);
        assertEdge(graph, "Reject", "end", "end", null);
        // inside groups there is no Start or End: a branch's last state has no edge out
        assertTrue(edgesFrom(graph, id(graph, "Left")).isEmpty());
        assertTrue(edgesFrom(graph, id(graph, "Work")).isEmpty());
    }

    @Test
    void theLayoutIsTopDownAndNestsGroupsWithAbsoluteCoordinates() {
        ObjectNode graph = graphs.definitionGraph(FAN_OUT);
        JsonNode start = nodesOfType(graph, "Start").get(0);
        JsonNode end = nodesOfType(graph, "End").get(0);
        assertTrue(start.path("y").asInt() < node(graph, "Check").path("y").asInt());
        assertTrue(node(graph, "Check").path("y").asInt() < group(graph, "Fan out").path("y").asInt());
        assertTrue(group(graph, "Each").path("y").asInt() < end.path("y").asInt());
        assertInside(node(graph, "Work"), group(graph, "Each"));
        assertInside(node(graph, "Right 2"), group(graph, "Fan out"));
        for (JsonNode node : graph.path("nodes")) {
            assertInside(node, graph);
        }
        // a longer name, a wider node
        assertTrue(node(graph, "Right 2").path("width").asInt() >= node(graph, "Left").path("width").asInt());
        for (JsonNode edge : graph.path("edges")) {
            assertTrue(edge.path("points").size() >= 2, edge::toString);
        }
        // the first point of an edge leaves its source
        JsonNode next = edge(graph, "Right", "Right 2");
        JsonNode right = node(graph, "Right");
        JsonNode first = next.path("points").get(0);
        assertTrue(first.get(0).asInt() >= right.path("x").asInt()
                && first.get(0).asInt() <= right.path("x").asInt() + right.path("width").asInt(), next::toString);
        assertEquals(right.path("y").asInt() + right.path("height").asInt(), first.get(1).asInt(), 1.0);
    }

    @Test
    void aLayoutIsMadeOncePerDefinitionAndCopiedOut() {
        ObjectNode first = graphs.definitionGraph(FAN_OUT);
        first.put("width", -1);
        ((ObjectNode) first.path("nodes").get(0)).put("status", "FAILED");
        ObjectNode second = graphs.definitionGraph(FAN_OUT);
        assertTrue(second.path("width").asInt() > 0);
        assertTrue(second.path("nodes").get(0).path("status").isMissingNode());
    }

    @Test
    void anInvalidDefinitionGivesWhatCanBeReadAndItsDiagnostics() {
        String definition = """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "Nowhere"},
                  "B/c[0]": {"Type": "Task", "Next": "A", "Retry": [{"ErrorEquals": ["X"], "BackoffRate": -1}]},
                  "C": {"Type": "Teleport", "End": true}}}""";
        ObjectNode graph = graphs.definitionGraph(definition);
        assertNotNull(node(graph, "A"));
        assertEquals("Unknown", node(graph, "C").path("type").asText());
        assertTrue(edgesFrom(graph, id(graph, "A")).isEmpty(), "no edge to a state that is not there");
        JsonNode diagnostics = graph.path("diagnostics");
        assertTrue(diagnostics.size() >= 3, diagnostics::toString);
        JsonNode missing = find(diagnostics, "/States/A/Next");
        assertEquals("A", missing.path("state").asText(), diagnostics::toString);
        assertTrue(missing.path("message").asText().contains("Nowhere"), missing::toString);
        JsonNode backoff = find(diagnostics, "/States/B~1c[0]/Retry/0/BackoffRate");
        assertEquals("B/c[0]", backoff.path("state").asText(), diagnostics::toString);
        JsonNode type = find(diagnostics, "/States/C/Type");
        assertEquals("C", type.path("state").asText());
    }

    @Test
    void textThatIsNotADefinitionGivesAnEmptyGraphAndWhy() {
        for (String text : List.of("{\"StartAt\": ", "[1, 2]", "", "42", "{}")) {
            ObjectNode graph = graphs.definitionGraph(text);
            assertEquals(2, graph.path("nodes").size(), text); // Start and End
            assertTrue(graph.path("diagnostics").size() >= 1, text);
            assertNull(graph.path("diagnostics").get(0).path("state").textValue(), text);
        }
        assertTrue(graphs.definitionGraph("{\"StartAt\": ").path("diagnostics").get(0).path("message").asText()
                .contains("end-of-input"));
    }

    @Test
    void definitionsTooBigOrTooDeepAreRefusedWithAReason() {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> graphs.definitionGraph("{\"Comment\": \"" + "x".repeat(1024 * 1024) + "\"}"));
        assertTrue(big.getMessage().contains("too big"), big.getMessage());
        StringBuilder states = new StringBuilder("{\"StartAt\": \"s0\", \"States\": {");
        for (int i = 0; i <= DefinitionModel.MAX_STATES; i++) {
            states.append(i == 0 ? "" : ",").append("\"s").append(i).append("\": {\"Type\": \"Pass\", \"End\": true}");
        }
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> graphs.definitionGraph(states + "}}"));
        assertTrue(many.getMessage().contains("more than 2000 states"), many.getMessage());
        StringBuilder rules = new StringBuilder("{\"StartAt\": \"C\", \"States\": {\"D\": {\"Type\": \"Succeed\"}, "
                + "\"C\": {\"Type\": \"Choice\", \"Default\": \"D\", \"Choices\": [");
        for (int i = 0; i < GraphLayout.MAX_EDGES; i++) {
            rules.append(i == 0 ? "" : ",").append("{\"Variable\": \"$.x\", \"NumericEquals\": ").append(i)
                    .append(", \"Next\": \"D\"}");
        }
        IllegalArgumentException edges = assertThrows(IllegalArgumentException.class,
                () -> graphs.definitionGraph(rules + "]}}}"));
        assertEquals("the definition has more than 2000 transitions: too many to draw", edges.getMessage());
        // nested deeper than the engine reads JSON: the parser refuses it, the graph is empty with the reason
        String deep = "{\"StartAt\": \"P\", \"States\": {\"P\": " + "[".repeat(1200) + "]".repeat(1200) + "}}";
        ObjectNode graph = graphs.definitionGraph(deep);
        assertEquals(2, graph.path("nodes").size());
        assertTrue(graph.path("diagnostics").get(0).path("message").asText().contains("depth"),
                graph.path("diagnostics")::toString);
        assertThrows(IllegalArgumentException.class, () -> graphs.definitionGraph(null));
    }

    @Test
    void aLayoutThatOutlastsItsTimeIsRefusedWithAReason() {
        ExecutionGraphs hurried = new ExecutionGraphs(10);
        hurried.layoutTime = java.time.Duration.ZERO;
        IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                () -> hurried.definitionGraph(FAN_OUT));
        assertTrue(late.getMessage().matches("the definition is too intricate to draw: its layout \\(\\d+ states and "
                + "groups, \\d+ transitions\\) took longer than 0 ms"), late.getMessage());
        // refused, not kept: given the time, the same definition is drawn as ever
        hurried.layoutTime = ExecutionGraphs.LAYOUT_TIME;
        assertEquals(graphs.definitionGraph(FAN_OUT), hurried.definitionGraph(FAN_OUT));
    }

    @Test
    void aNewDefinitionWaitsItsTurnToBeLaidOutAndIsRefusedWhenTheTurnDoesNotComeInTime() throws Exception {
        ExecutionGraphs busy = new ExecutionGraphs(10);
        busy.layoutTime = java.time.Duration.ofMillis(100);
        String seen = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";
        JsonNode drawn = busy.definitionGraph(seen);
        busy.layoutTurn.acquire(); // another layout's turn, for longer than a layout may take
        try {
            LayoutBusyException refused = assertThrows(LayoutBusyException.class,
                    () -> busy.definitionGraph(FAN_OUT));
            assertTrue(refused.getMessage().contains("waited 100 ms for a turn"), refused.getMessage());
            assertEquals(drawn, busy.definitionGraph(seen), "one laid out already needs no turn");
        } finally {
            busy.layoutTurn.release();
        }
        busy.layoutTime = ExecutionGraphs.LAYOUT_TIME;
        assertEquals(graphs.definitionGraph(FAN_OUT), busy.definitionGraph(FAN_OUT));
    }

    @Test
    void aLongChoiceRuleIsCutToSixtyCharacters() {
        String definition = """
                {"StartAt": "C", "States": {"C": {"Type": "Choice", "QueryLanguage": "JSONata",
                  "Choices": [{"Condition": "{% $states.input.something_very_long_indeed > 1000000 and $states.input.other_thing = 'abcdef' %}", "Next": "D"}],
                  "Default": "D"}, "D": {"Type": "Succeed"}}}""";
        String label = graphs.definitionGraph(definition).path("edges").get(1).path("label").asText();
        assertEquals(60, label.length(), label);
        assertTrue(label.startsWith("$states.input.something_very_long_indeed > 1000000"), label);
        assertTrue(label.endsWith("…"));
    }

    // ---- helpers, shared with the other tests

    static JsonNode node(JsonNode graph, String state) {
        for (JsonNode node : graph.path("nodes")) {
            if (state.equals(node.path("state").asText(null))) {
                return node;
            }
        }
        throw new AssertionError("no node " + state + " in " + graph);
    }

    static JsonNode group(JsonNode graph, String state) {
        for (JsonNode group : graph.path("groups")) {
            if (state.equals(group.path("state").asText(null))) {
                return group;
            }
        }
        throw new AssertionError("no group " + state + " in " + graph);
    }

    /** The id of a state's node or group, or start/end. */
    static String id(JsonNode graph, String state) {
        if (state.equals("start") || state.equals("end")) {
            return state;
        }
        for (String list : List.of("nodes", "groups")) {
            for (JsonNode item : graph.path(list)) {
                if (state.equals(item.path("state").asText(null))) {
                    return item.path("id").asText();
                }
            }
        }
        throw new AssertionError("no state " + state);
    }

    static List<JsonNode> nodesOfType(JsonNode graph, String type) {
        List<JsonNode> found = new ArrayList<>();
        graph.path("nodes").forEach(n -> {
            if (n.path("type").asText().equals(type)) {
                found.add(n);
            }
        });
        return found;
    }

    static List<JsonNode> edgesFrom(JsonNode graph, String id) {
        List<JsonNode> found = new ArrayList<>();
        graph.path("edges").forEach(e -> {
            if (e.path("from").asText().equals(id)) {
                found.add(e);
            }
        });
        return found;
    }

    static JsonNode edge(JsonNode graph, String from, String to) {
        for (JsonNode edge : graph.path("edges")) {
            if (edge.path("from").asText().equals(id(graph, from)) && edge.path("to").asText().equals(id(graph, to))) {
                return edge;
            }
        }
        throw new AssertionError("no edge " + from + " -> " + to);
    }

    private static void assertEdge(JsonNode graph, String from, String to, String kind, String label) {
        JsonNode edge = null;
        for (JsonNode e : graph.path("edges")) {
            if (e.path("from").asText().equals(id(graph, from)) && e.path("to").asText().equals(id(graph, to))
                    && e.path("kind").asText().equals(kind)) {
                edge = e;
            }
        }
        assertNotNull(edge, () -> "no " + kind + " edge " + from + " -> " + to + " in " + graph.path("edges"));
        assertEquals(label, edge.path("label").textValue());
    }

    private static void assertInside(JsonNode inner, JsonNode outer) {
        int x = outer.path("x").asInt();
        int y = outer.path("y").asInt();
        assertTrue(inner.path("x").asInt() >= x && inner.path("y").asInt() >= y
                && inner.path("x").asInt() + inner.path("width").asInt() <= x + outer.path("width").asInt()
                && inner.path("y").asInt() + inner.path("height").asInt() <= y + outer.path("height").asInt(),
                () -> inner + " is not inside " + outer.path("id") + " " + outer.path("x") + "," + outer.path("y")
                        + " " + outer.path("width") + "x" + outer.path("height"));
    }

    private static JsonNode find(JsonNode diagnostics, String pointer) {
        for (JsonNode d : diagnostics) {
            if (pointer.equals(d.path("pointer").asText(null))) {
                return d;
            }
        }
        throw new AssertionError("no diagnostic at " + pointer + " in " + diagnostics);
    }
}
