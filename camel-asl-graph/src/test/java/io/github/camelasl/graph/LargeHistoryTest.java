package io.github.camelasl.graph;

import static io.github.camelasl.graph.ColouringTest.assertStatus;
import static io.github.camelasl.graph.RenderTest.entered;
import static io.github.camelasl.graph.RenderTest.event;
import static io.github.camelasl.graph.RenderTest.exited;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Map over 10,000 items (40,000+ events), its iterations' events interleaved as concurrent iterations write them:
 * coloured, counted, its timeline cut, one iteration picked out. (How fast is the lead's to measure: this test says
 * only that the answer is right.)
 */
class LargeHistoryTest {

    private static final String DEFINITION = """
            {"StartAt": "Process items", "States": {
              "Process items": {"Type": "Map", "End": true, "MaxConcurrency": 40,
                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Report"}],
                "ItemProcessor": {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "direct:ok",
                  "End": true}}}},
              "Report": {"Type": "Pass", "End": true}}}""";
    private static final int ITEMS = 10_000;
    private static final int FAILING_EVERY = 1_000;

    @Test
    void aMapOfTenThousandItemsIsColouredCountedAndPickedApart() {
        List<JsonNode> events = history();
        assertTrue(events.size() > 40_000, "events: " + events.size());
        ExecutionGraphs graphs = new ExecutionGraphs(4);
        ObjectNode graph = graphs.executionGraph(DEFINITION, events);
        assertStatus(graph, "Process items", "CAUGHT");
        assertStatus(graph, "Work", "FAILED"); // the worst of its iterations
        assertEquals(ITEMS, DefinitionGraphTest.node(graph, "Work").path("runs").asInt());
        assertStatus(graph, "Report", "SUCCEEDED");
        assertEquals("{\"total\":10000,\"succeeded\":9990,\"failed\":10,\"running\":0,\"aborted\":0}",
                graph.path("mapRuns").path("Process items").toString());

        ObjectNode iteration = graphs.iterationGraph(DEFINITION, events, "Process items", 2_000);
        assertStatus(iteration, "Work", "FAILED");
        assertStatus(graphs.iterationGraph(DEFINITION, events, "Process items", 2_001), "Work", "SUCCEEDED");
        JsonNode detail = graphs.stateDetail(DEFINITION, events, "Work", 7_000);
        assertEquals("FAILED", detail.path("status").asText());
        assertEquals("item 7000 broke", detail.path("cause").asText());

        JsonNode timeline = graphs.timeline(events, 5_000);
        assertEquals(ExecutionGraphs.MAX_TIMELINE_ITEMS, timeline.path("items").size());
        assertTrue(timeline.path("truncated").asBoolean());
    }

    @Test
    void aMapStillRunningCountsItsRunningIterations() {
        List<JsonNode> events = history().subList(0, 2_000); // the first iterations only, not ended
        ObjectNode graph = new ExecutionGraphs(1).executionGraph(DEFINITION, events);
        assertStatus(graph, "Process items", "RUNNING");
        JsonNode run = graph.path("mapRuns").path("Process items");
        assertEquals(ITEMS, run.path("total").asInt());
        assertTrue(run.path("running").asInt() > 0, run::toString);
        assertEquals(0, run.path("aborted").asInt());
    }

    /** The history the engine writes for DEFINITION over ITEMS items, 40 iterations at a time, every 1000th failing. */
    private static List<JsonNode> history() {
        List<JsonNode> events = new ArrayList<>();
        events.add(event(1, 0, "ExecutionStarted", null));
        events.add(entered(2, 1, "Map", "Process items"));
        ObjectNode started = event(3, 2, "MapStateStarted", null);
        started.putObject("mapStateStartedEventDetails").put("length", ITEMS);
        events.add(started);
        long[] id = {3};
        for (int batch = 0; batch < ITEMS; batch += 40) {
            // the iterations of a batch write their events interleaved: step by step across the batch
            List<long[]> last = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            for (int i = batch; i < Math.min(ITEMS, batch + 40); i++) {
                indexes.add(i);
            }
            Collections.shuffle(indexes, new java.util.Random(batch));
            for (int index : indexes) {
                ObjectNode iteration = event(++id[0], 3, "MapIterationStarted", null);
                iteration.putObject("mapIterationStartedEventDetails").put("index", index).put("name", "Process items");
                events.add(iteration);
                last.add(new long[] {index, id[0]});
            }
            for (long[] at : last) {
                events.add(entered(++id[0], at[1], "Task", "Work"));
                at[1] = id[0];
            }
            for (long[] at : last) {
                boolean fails = at[0] % FAILING_EVERY == 0;
                ObjectNode end = event(++id[0], at[1], fails ? "TaskFailed" : "TaskSucceeded", null);
                if (fails) {
                    end.putObject("taskFailedEventDetails").put("error", "States.TaskFailed")
                            .put("cause", "item " + at[0] + " broke");
                }
                events.add(end);
                at[1] = id[0];
                if (!fails) {
                    events.add(exited(++id[0], at[1], "Task", "Work"));
                    at[1] = id[0];
                }
            }
            for (long[] at : last) {
                boolean fails = at[0] % FAILING_EVERY == 0;
                ObjectNode end = event(++id[0], at[1], fails ? "MapIterationFailed" : "MapIterationSucceeded", null);
                end.putObject(fails ? "mapIterationFailedEventDetails" : "mapIterationSucceededEventDetails")
                        .put("index", at[0]).put("name", "Process items");
                events.add(end);
            }
        }
        events.add(event(++id[0], 3, "MapStateFailed", null));
        events.add(exited(++id[0], id[0] - 1, "Map", "Process items"));
        events.add(entered(++id[0], id[0] - 1, "Pass", "Report"));
        events.add(exited(++id[0], id[0] - 1, "Pass", "Report"));
        events.add(event(++id[0], id[0] - 1, "ExecutionSucceeded", null));
        return events;
    }
}
