package io.github.camelasl.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Events are data: whatever a history holds (a store's row, a client's JSON), the graph, the detail and the timeline
 * are drawn from what can be read, and only an unknown state, Map or iteration is an IllegalArgumentException.
 */
class GarbageHistoryTest {

    private static final List<String> TYPES = List.of("ExecutionStarted", "PassStateEntered", "PassStateExited",
            "TaskStateEntered", "TaskScheduled", "TaskFailed", "TaskSucceeded", "TaskStateExited", "MapStateEntered",
            "MapStateStarted", "MapIterationStarted", "MapIterationSucceeded", "MapIterationFailed",
            "MapIterationAborted", "MapStateFailed", "MapStateExited", "ParallelStateEntered", "ParallelStateStarted",
            "ParallelStateFailed", "ParallelStateExited", "FailStateEntered", "ExecutionFailed", "ExecutionRedriven",
            "ExecutionAborted", "ExecutionSucceeded", "", "Nonsense", "StateEntered");
    private static final List<String> NAMES = List.of("Fan out", "Left", "Right", "Each", "Work", "Done", "Nope", "");

    private final ExecutionGraphs graphs = new ExecutionGraphs(4);

    @Test
    void randomHistoriesAreDrawnWithoutAnythingButIllegalArgument() {
        Random random = new Random(19);
        for (int round = 0; round < 60; round++) {
            List<JsonNode> events = new ArrayList<>();
            int size = random.nextInt(300);
            for (int i = 1; i <= size; i++) {
                events.add(randomEvent(random, i));
            }
            if (random.nextBoolean()) {
                java.util.Collections.shuffle(events, random);
            }
            exercise(events);
        }
    }

    @Test
    void malformedEventsAreSetAside() {
        List<JsonNode> events = new ArrayList<>();
        events.add(Json.NODES.textNode("not an event"));
        events.add(null);
        events.add(Json.NODES.objectNode()); // no id, no type
        events.add(Json.NODES.objectNode().put("id", Long.MAX_VALUE).put("type", "PassStateEntered")
                .put("previousEventId", Long.MAX_VALUE));
        events.add(Json.NODES.objectNode().put("id", Long.MIN_VALUE).put("type", "ExecutionStarted"));
        ObjectNode self = Json.NODES.objectNode().put("id", 5).put("previousEventId", 5).put("type", "TaskStateEntered")
                .put("timestamp", "yesterday");
        self.putObject("stateEnteredEventDetails").put("name", "Work");
        events.add(self);
        events.add(self); // the same id twice
        ObjectNode iteration = Json.NODES.objectNode().put("id", 6).put("previousEventId", 99)
                .put("type", "MapIterationStarted");
        iteration.putObject("mapIterationStartedEventDetails").put("index", "x");
        events.add(iteration);
        exercise(events);
        JsonNode detail = graphs.stateDetail(DefinitionGraphTest.FAN_OUT, events, "Work", null);
        assertTrue(detail.path("durationMillis").isNull(), detail::toString);
        assertThrows(IllegalArgumentException.class, () -> graphs.executionGraph(DefinitionGraphTest.FAN_OUT, null));
        assertThrows(IllegalArgumentException.class, () -> graphs.timeline(null, 10));
    }

    @Test
    void deeplyNestedEntriesNeitherRecurseNorLoop() {
        // Parallel in Parallel 20,000 deep: only data says so; statuses are still worked out in one pass
        List<JsonNode> events = new ArrayList<>();
        events.add(RenderTest.event(1, 0, "ExecutionStarted", null));
        long id = 1;
        for (int depth = 0; depth < 20_000; depth++) {
            events.add(RenderTest.entered(++id, id - 1, "Parallel", "Fan out"));
            events.add(RenderTest.event(++id, id - 1, "ParallelStateStarted", null));
        }
        events.add(RenderTest.event(++id, id - 1, "ExecutionAborted", null));
        ObjectNode graph = graphs.executionGraph(DefinitionGraphTest.FAN_OUT, events);
        ColouringTest.assertStatus(graph, "Fan out", "CANCELLED");
        assertEquals(20_000, DefinitionGraphTest.group(graph, "Fan out").path("runs").asInt());
    }

    private void exercise(List<JsonNode> events) {
        String definition = DefinitionGraphTest.FAN_OUT;
        ObjectNode graph = graphs.executionGraph(definition, events);
        for (JsonNode node : graph.path("nodes")) {
            assertTrue(node.has("status"), node::toString);
        }
        GraphFormat.SVG.render(graph);
        graphs.timeline(events, 50);
        for (String state : List.of("Check", "Fan out", "Left", "Right", "Each", "Work", "Reject", "Done")) {
            graphs.stateDetail(definition, events, state, null);
            try {
                graphs.stateDetail(definition, events, state, 0);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().contains("iteration"), expected.getMessage());
            }
        }
        try {
            graphs.iterationGraph(definition, events, "Each", 0);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("no iteration 0"), expected.getMessage());
        }
    }

    private static ObjectNode randomEvent(Random random, long id) {
        String type = TYPES.get(random.nextInt(TYPES.size()));
        ObjectNode event = Json.NODES.objectNode().put("id", random.nextInt(20) == 0 ? random.nextLong() : id)
                .put("previousEventId", random.nextInt((int) id + 5) - 2).put("type", type)
                .put("timestamp", random.nextBoolean() ? "2026-01-01T00:00:00Z" : "soon");
        String name = NAMES.get(random.nextInt(NAMES.size()));
        switch (random.nextInt(5)) {
            case 0 -> event.putObject("stateEnteredEventDetails").put("name", name);
            case 1 -> event.putObject("mapIterationStartedEventDetails").put("index", random.nextInt(4) - 1)
                    .put("name", name);
            case 2 -> event.putObject("mapStateStartedEventDetails").put("length", random.nextLong());
            case 3 -> event.putObject("taskScheduledEventDetails").put("resource", "x.waitForTaskToken")
                    .put("parameters", random.nextBoolean() ? "{\"TaskToken\": \"t\"}" : "[[[");
            default -> event.put("stateEnteredEventDetails", "not an object");
        }
        return event;
    }
}
