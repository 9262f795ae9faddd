package io.github.camelasl.graph;

import static io.github.camelasl.graph.DefinitionGraphTest.group;
import static io.github.camelasl.graph.DefinitionGraphTest.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.StateMachineRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Graphs coloured by histories the engine wrote: each status of the contract from a real execution. */
class ColouringTest {

    /** A Parallel whose branch retries, a Map whose last iteration fails (one at a time: they all run), caught. */
    static final String PIPELINE = """
            {"StartAt": "Fan out", "States": {
              "Fan out": {"Type": "Parallel", "Next": "Each", "ResultPath": "$.p",
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Unused"}], "Branches": [
                 {"StartAt": "Flaky", "States": {"Flaky": {"Type": "Task", "Resource": "direct:flaky",
                    "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                    "End": true}}},
                 {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "End": true}}}]},
              "Each": {"Type": "Map", "ItemsPath": "$.items", "Next": "Done", "MaxConcurrency": 1,
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}],
                 "ItemProcessor": {"StartAt": "Route", "States": {
                    "Route": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}],
                              "Default": "Good"},
                    "Bad": {"Type": "Task", "Resource": "direct:fail", "End": true},
                    "Good": {"Type": "Pass", "End": true}}}},
              "Unused": {"Type": "Pass", "Next": "Done"},
              "Handle": {"Type": "Pass", "Next": "Done"},
              "Done": {"Type": "Succeed"}}}""";

    private static Runs runs;
    private static List<JsonNode> pipeline;
    private final ExecutionGraphs graphs = new ExecutionGraphs(10);

    @BeforeAll
    static void run() throws Exception {
        runs = new Runs();
        pipeline = runs.history(PIPELINE, "{\"items\": [1, 2, 3]}");
    }

    @AfterAll
    static void close() throws Exception {
        runs.close();
    }

    @Test
    void aRetriedBranchAndACaughtMapIterationAreColouredSo() throws Exception {
        ObjectNode graph = graphs.executionGraph(PIPELINE, pipeline);
        Files.createDirectories(Path.of("target", "graphs"));
        Files.writeString(Path.of("target", "graphs", "pipeline-execution.svg"), GraphFormat.SVG.render(graph));
        assertStatus(graph, "Fan out", "SUCCEEDED");
        assertStatus(graph, "Flaky", "RETRIED");
        assertEquals(1, node(graph, "Flaky").path("retries").asInt());
        assertStatus(graph, "Quick", "SUCCEEDED");
        assertStatus(graph, "Each", "CAUGHT");
        // inside the Map: the worst of the iterations; runs over all of them
        assertStatus(graph, "Route", "SUCCEEDED");
        assertEquals(3, node(graph, "Route").path("runs").asInt());
        assertStatus(graph, "Bad", "FAILED");
        assertStatus(graph, "Good", "SUCCEEDED");
        assertEquals(2, node(graph, "Good").path("runs").asInt());
        assertStatus(graph, "Unused", "NOT_REACHED");
        assertEquals(0, node(graph, "Unused").path("runs").asInt());
        assertStatus(graph, "Handle", "SUCCEEDED");
        assertStatus(graph, "Done", "SUCCEEDED");
        assertEquals("SUCCEEDED", DefinitionGraphTest.nodesOfType(graph, "End").get(0).path("status").asText());
        assertEquals("{\"total\":3,\"succeeded\":2,\"failed\":1,\"running\":0,\"aborted\":0}",
                graph.path("mapRuns").path("Each").toString());
        // the branches carry the worst of what ran in them
        for (JsonNode group : graph.path("groups")) {
            if (group.path("kind").asText().equals("Branch")) {
                assertTrue(List.of("RETRIED", "SUCCEEDED").contains(group.path("status").asText()), group::toString);
            }
        }
    }

    @Test
    void oneIterationsGraphIsColouredByItsEventsOnly() {
        ObjectNode failed = graphs.iterationGraph(PIPELINE, pipeline, "Each", 2);
        assertStatus(failed, "Route", "SUCCEEDED");
        assertStatus(failed, "Bad", "FAILED");
        assertStatus(failed, "Good", "NOT_REACHED");
        assertEquals(1, node(failed, "Route").path("runs").asInt());
        assertEquals("NOT_REACHED", DefinitionGraphTest.nodesOfType(failed, "End").get(0).path("status").asText());
        ObjectNode succeeded = graphs.iterationGraph(PIPELINE, pipeline, "Each", 1);
        assertStatus(succeeded, "Bad", "NOT_REACHED");
        assertStatus(succeeded, "Good", "SUCCEEDED");
        assertEquals("SUCCEEDED", DefinitionGraphTest.nodesOfType(succeeded, "End").get(0).path("status").asText());
        // the item processor alone: no state of the machine around it
        assertThrows(AssertionError.class, () -> node(succeeded, "Handle"));

        assertEquals("the definition has no state named 'Nope'", assertThrows(IllegalArgumentException.class,
                () -> graphs.iterationGraph(PIPELINE, pipeline, "Nope", 0)).getMessage());
        assertEquals("state 'Handle' is a Pass state, not a Map", assertThrows(IllegalArgumentException.class,
                () -> graphs.iterationGraph(PIPELINE, pipeline, "Handle", 0)).getMessage());
        assertEquals("Map 'Each' has no iteration 3 in this execution", assertThrows(IllegalArgumentException.class,
                () -> graphs.iterationGraph(PIPELINE, pipeline, "Each", 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> graphs.iterationGraph(PIPELINE, pipeline, "Each", -1));
    }

    @Test
    void aStatesDetailSaysWhatItGotGaveAndWhyItFailed() {
        JsonNode bad = graphs.stateDetail(PIPELINE, pipeline, "Bad", null);
        assertEquals("FAILED", bad.path("status").asText());
        assertEquals(2, bad.path("iteration").asInt());
        assertEquals("3", bad.path("input").asText());
        assertEquals("3", bad.path("effectiveInput").asText());
        assertEquals("States.TaskFailed", bad.path("error").asText());
        assertEquals("boom <b>", bad.path("cause").asText());
        assertTrue(bad.path("output").isNull());
        assertTrue(bad.path("eventIds").size() >= 4, bad::toString); // entered, scheduled, started, failed

        JsonNode flaky = graphs.stateDetail(PIPELINE, pipeline, "Flaky", null);
        assertEquals("RETRIED", flaky.path("status").asText());
        assertEquals(1, flaky.path("retries").asInt());
        assertTrue(flaky.path("durationMillis").asLong() >= 900, flaky::toString); // the retry's interval: 1 s
        assertTrue(flaky.path("iteration").isNull());
        assertTrue(flaky.path("error").isNull(), "the failure was retried away: " + flaky);

        JsonNode good = graphs.stateDetail(PIPELINE, pipeline, "Good", 0);
        assertEquals("SUCCEEDED", good.path("status").asText());
        assertEquals("1", good.path("output").asText());
        assertEquals(0, good.path("iteration").asInt());

        JsonNode unused = graphs.stateDetail(PIPELINE, pipeline, "Unused", null);
        assertEquals("NOT_REACHED", unused.path("status").asText());
        assertEquals(0, unused.path("eventIds").size());

        assertThrows(IllegalArgumentException.class, () -> graphs.stateDetail(PIPELINE, pipeline, "Nope", null));
        assertEquals("state 'Handle' is not inside a Map: it has no iteration 0", assertThrows(
                IllegalArgumentException.class, () -> graphs.stateDetail(PIPELINE, pipeline, "Handle", 0))
                .getMessage());
        assertThrows(IllegalArgumentException.class, () -> graphs.stateDetail(PIPELINE, pipeline, "Good", 7));
    }

    @Test
    void theTimelineListsEveryEntryInOrderWithinItsLimit() {
        JsonNode timeline = graphs.timeline(pipeline, 100);
        JsonNode items = timeline.path("items");
        assertTrue(!timeline.path("truncated").asBoolean());
        assertEquals("Fan out", items.get(0).path("state").asText());
        assertEquals(12, items.size(), items::toString);
        long mapEntries = 0;
        // as instants: the events' ISO-8601 text leaves out a whole second's ".000", so texts do not sort as times
        java.time.Instant previousStart = java.time.Instant.MIN;
        for (JsonNode item : items) {
            java.time.Instant start = java.time.Instant.parse(item.path("start").asText());
            assertTrue(!start.isBefore(previousStart), items::toString);
            if (!item.path("iteration").isNull()) {
                mapEntries++;
            }
            previousStart = start;
        }
        assertEquals(6, mapEntries, items::toString); // 3 Route, 2 Good, 1 Bad
        JsonNode cut = graphs.timeline(pipeline, 2);
        assertEquals(2, cut.path("items").size());
        assertTrue(cut.path("truncated").asBoolean());
        assertThrows(IllegalArgumentException.class, () -> graphs.timeline(pipeline, -1));
    }

    @Test
    void anUncaughtFailureIsFailedAndWhatFollowsIsNotReached() throws Exception {
        String definition = """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "direct:fail", "Next": "After"},
                  "After": {"Type": "Pass", "End": true}}}""";
        ObjectNode graph = graphs.executionGraph(definition, runs.history(definition, "{}"));
        assertStatus(graph, "Call", "FAILED");
        assertStatus(graph, "After", "NOT_REACHED");
        assertEquals("NOT_REACHED", DefinitionGraphTest.nodesOfType(graph, "End").get(0).path("status").asText());
    }

    @Test
    void aCaughtTaskIsCaughtAndItsHandlerRuns() throws Exception {
        String definition = """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "direct:fail", "Next": "After",
                           "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]},
                  "After": {"Type": "Pass", "End": true},
                  "Handler": {"Type": "Pass", "End": true}}}""";
        ObjectNode graph = graphs.executionGraph(definition, runs.history(definition, "{}"));
        assertStatus(graph, "Call", "CAUGHT");
        assertStatus(graph, "After", "NOT_REACHED");
        assertStatus(graph, "Handler", "SUCCEEDED");
    }

    @Test
    void aFailStateAndARuntimeErrorAreFailed() throws Exception {
        String fail = """
                {"StartAt": "Go", "States": {"Go": {"Type": "Pass", "Next": "Stop"},
                  "Stop": {"Type": "Fail", "Error": "Nope", "Cause": "<img src=x>"}}}""";
        ObjectNode graph = graphs.executionGraph(fail, runs.history(fail, "{}"));
        assertStatus(graph, "Go", "SUCCEEDED");
        assertStatus(graph, "Stop", "FAILED");
        JsonNode stop = graphs.stateDetail(fail, runs.history(fail, "{}"), "Stop", null);
        assertEquals("Nope", stop.path("error").asText(), stop::toString);
        assertEquals("<img src=x>", stop.path("cause").asText());

        String runtime = """
                {"StartAt": "Bad path", "States": {"Bad path": {"Type": "Pass", "InputPath": "$.missing",
                  "End": true}}}""";
        ObjectNode failed = graphs.executionGraph(runtime, runs.history(runtime, "{}"));
        assertStatus(failed, "Bad path", "FAILED");
        JsonNode detail = graphs.stateDetail(runtime, runs.history(runtime, "{}"), "Bad path", null);
        assertEquals("States.Runtime", detail.path("error").asText(), detail::toString);
    }

    @Test
    void aMapThatToleratesItsFailedIterationsSucceedsAndShowsWhatFailedInside() throws Exception {
        // as AWS's console: the Distributed Map succeeded (its failures within ToleratedFailurePercentage), the
        // execution went on, and the state inside is red because an iteration failed there
        String definition = """
                {"StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailurePercentage": 50, "Next": "After",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Pick", "States": {
                      "Pick": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Work"}],
                               "Default": "Fine"},
                      "Work": {"Type": "Task", "Resource": "direct:fail", "End": true},
                      "Fine": {"Type": "Pass", "End": true}}}},
                  "After": {"Type": "Succeed"}}}""";
        ObjectNode graph = graphs.executionGraph(definition, runs.history(definition, "{\"items\": [1, 2, 3, 4]}"));
        assertStatus(graph, "Each", "SUCCEEDED");
        assertStatus(graph, "Work", "FAILED");
        assertStatus(graph, "Fine", "SUCCEEDED");
        assertStatus(graph, "After", "SUCCEEDED");
        JsonNode run = graph.path("mapRuns").path("Each");
        assertEquals(4, run.path("total").asInt(), graph.path("mapRuns")::toString);
        assertEquals(1, run.path("failed").asInt(), graph.path("mapRuns")::toString);
        assertEquals(3, run.path("succeeded").asInt(), graph.path("mapRuns")::toString);
    }

    @Test
    void aFailedBranchFailsItsParallelAndCancelsNothingThatFinished() throws Exception {
        String definition = """
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Fine", "States": {"Fine": {"Type": "Pass", "End": true}}},
                  {"StartAt": "Broken", "States": {"Broken": {"Type": "Task", "Resource": "direct:fail",
                     "End": true}}}]}}}""";
        ObjectNode graph = graphs.executionGraph(definition, runs.history(definition, "{}"));
        assertStatus(graph, "Both", "FAILED");
        assertStatus(graph, "Broken", "FAILED");
        assertStatus(graph, "Fine", "SUCCEEDED");
    }

    @Test
    void aRunningStateIsRunningAndCancelledOnceTheExecutionIsStopped() throws Exception {
        String definition = """
                {"StartAt": "First", "States": {"First": {"Type": "Pass", "Next": "Wait here"},
                  "Wait here": {"Type": "Task", "Resource": "direct:block", "Next": "Last"},
                  "Last": {"Type": "Pass", "End": true}}}""";
        StateMachineRuntime runtime = runs.deploy(definition);
        StateMachineRuntime.Started started = runtime.begin(Json.parse("{}"), "stopped", Map.of(), List.of(), true);
        List<JsonNode> running = runtime.history(started.executionArn());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (running.stream().noneMatch(e -> e.path("type").asText().equals("TaskStarted"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            running = runtime.history(started.executionArn());
        }
        ObjectNode live = graphs.executionGraph(definition, List.copyOf(running));
        assertStatus(live, "First", "SUCCEEDED");
        assertStatus(live, "Wait here", "RUNNING");
        assertStatus(live, "Last", "NOT_REACHED");
        assertTrue(graphs.stateDetail(definition, running, "Wait here", null).path("stopDate").isNull());

        runtime.stop(started.executionArn(), "Stopped.ByTest", "enough");
        started.completion().get(10, TimeUnit.SECONDS);
        ObjectNode stopped = graphs.executionGraph(definition, runtime.history(started.executionArn()));
        assertStatus(stopped, "Wait here", "CANCELLED");
        assertStatus(stopped, "Last", "NOT_REACHED");
    }

    @Test
    void aTimedOutExecutionCancelsWhatRanAndKeepsWhatFinished() throws Exception {
        String definition = """
                {"StartAt": "Both", "TimeoutSeconds": 1, "States": {"Both": {"Type": "Parallel", "End": true,
                  "Branches": [
                    {"StartAt": "Quick", "States": {"Quick": {"Type": "Pass", "End": true}}},
                    {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 5, "End": true}}}]}}}""";
        List<JsonNode> events = runs.history(definition, "{}");
        assertTrue(events.stream().anyMatch(e -> e.path("type").asText().equals("ExecutionTimedOut")),
                events::toString);
        ObjectNode graph = graphs.executionGraph(definition, events);
        assertStatus(graph, "Quick", "SUCCEEDED");
        assertStatus(graph, "Slow", "CANCELLED");
        assertStatus(graph, "Both", "CANCELLED");
        JsonNode slow = graphs.stateDetail(definition, events, "Slow", null);
        assertEquals("CANCELLED", slow.path("status").asText());
        assertTrue(slow.path("stopDate").isNull(), slow::toString);
    }

    @Test
    void aRedrivenMapShowsTheLatestRunOfEachIteration() throws Exception {
        String definition = """
                {"StartAt": "Each", "States": {
                  "Each": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "Next": "Done",
                     "ItemProcessor": {"StartAt": "Work", "States": {
                        "Work": {"Type": "Task", "Resource": "direct:switch", "End": true}}}},
                  "Done": {"Type": "Succeed"}}}""";
        StateMachineRuntime runtime = runs.deploy(definition);
        StateMachineRuntime.Started started = runtime.begin(Json.parse("{\"items\": [1, 2]}"), "redriven", Map.of(),
                List.of(), true);
        started.completion().get(10, TimeUnit.SECONDS);
        String arn = started.executionArn();
        ObjectNode failed = graphs.executionGraph(definition, runtime.history(arn));
        assertStatus(failed, "Each", "FAILED");
        assertStatus(failed, "Work", "FAILED");
        assertStatus(failed, "Done", "NOT_REACHED");
        assertEquals(1, failed.path("mapRuns").path("Each").path("failed").asInt(), failed::toString);

        runs.broken.set(false);
        runtime.redrive(arn, List.of());
        List<JsonNode> events = runtime.history(arn);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.stream().noneMatch(e -> e.path("type").asText().equals("ExecutionSucceeded"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            events = runtime.history(arn);
        }
        ObjectNode redriven = graphs.executionGraph(definition, events);
        assertStatus(redriven, "Each", "SUCCEEDED");
        assertStatus(redriven, "Work", "SUCCEEDED");
        assertEquals(3, DefinitionGraphTest.node(redriven, "Work").path("runs").asInt(), "every entry counts");
        assertStatus(redriven, "Done", "SUCCEEDED");
        assertEquals("{\"total\":2,\"succeeded\":2,\"failed\":0,\"running\":0,\"aborted\":0}",
                redriven.path("mapRuns").path("Each").toString());
        assertStatus(graphs.iterationGraph(definition, events, "Each", 0), "Work", "SUCCEEDED");
        assertEquals("SUCCEEDED", graphs.stateDetail(definition, events, "Work", 0).path("status").asText());
    }

    @Test
    void aMapInAMapCountsItsRunsPerOuterIteration() throws Exception {
        String definition = """
                {"StartAt": "Outer", "States": {"Outer": {"Type": "Map", "End": true,
                  "ItemProcessor": {"StartAt": "Inner", "States": {"Inner": {"Type": "Map", "End": true,
                    "ItemProcessor": {"StartAt": "Leaf", "States": {"Leaf": {"Type": "Pass", "End": true}}}}}}}}}""";
        List<JsonNode> events = runs.history(definition, "[[1, 2], [3]]");
        ObjectNode graph = graphs.executionGraph(definition, events);
        assertStatus(graph, "Outer", "SUCCEEDED");
        assertStatus(graph, "Inner", "SUCCEEDED");
        assertStatus(graph, "Leaf", "SUCCEEDED");
        assertEquals(3, node(graph, "Leaf").path("runs").asInt());
        assertEquals(group(graph, "Inner").path("id").asText(), node(graph, "Leaf").path("group").asText());
        assertEquals(group(graph, "Outer").path("id").asText(), group(graph, "Inner").path("group").asText());
        assertEquals("{\"total\":2,\"succeeded\":2,\"failed\":0,\"running\":0,\"aborted\":0}",
                graph.path("mapRuns").path("Outer").toString());
        assertEquals("{\"total\":3,\"succeeded\":3,\"failed\":0,\"running\":0,\"aborted\":0}",
                graph.path("mapRuns").path("Inner").toString());
        // one outer iteration: the inner Map's run in it only
        ObjectNode first = graphs.iterationGraph(definition, events, "Outer", 0);
        assertEquals(2, node(first, "Leaf").path("runs").asInt());
        assertEquals(2, first.path("mapRuns").path("Inner").path("total").asInt(), first::toString);
        assertEquals("SUCCEEDED", graphs.stateDetail(definition, events, "Leaf", 1).path("status").asText());
    }

    static void assertStatus(JsonNode graph, String state, String status) {
        JsonNode item;
        try {
            item = node(graph, state);
        } catch (AssertionError notANode) {
            item = group(graph, state);
        }
        assertEquals(status, item.path("status").asText(), () -> state + ": " + graph);
    }
}
