package io.github.camelasl.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.dataflow.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace of executions as they run: every execution a printer is told of, each line once, nothing kept after. */
class TracePrinterTest {

    @Test
    void aComponentsPrinterPrintsEveryExchangesExecutionAndKeepsNoneOnceEnded(@TempDir Path dir) throws Exception {
        // a Map: its iterations write events from several threads, out of order
        String definition = """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
                  "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}},
                  "End": true}}}""";
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        try (CamelContext camel = route(dir, definition, trace)) {
            ProducerTemplate producer = camel.createProducerTemplate();
            // several at once, as a route with concurrent consumers runs them
            List<CompletableFuture<Object>> replies = IntStream.range(0, 4)
                    .mapToObj(i -> producer.asyncRequestBody("direct:start", "{\"items\": [1, 2, 3]}"))
                    .toList();
            for (CompletableFuture<Object> reply : replies) {
                reply.get();
            }
        }
        List<String> lines = text.toString().lines().toList();
        assertEquals(4, lines.stream().filter(line -> line.equals("▶ Each (Map)")).count(), text::toString);
        assertEquals(12, lines.stream().filter(line -> line.endsWith("▶ Item (Pass)")).count(), text::toString);
        assertEquals(4, lines.stream().filter(line -> line.startsWith("✓ Each  ")).count(), text::toString);
        assertEquals(0, trace.executionsInProgress(), "what the printer holds once every execution ended");
    }

    @Test
    void aStatesRuntimeFailurePrintsItsFailureLine(@TempDir Path dir) throws Exception {
        // AWS records a failing InputPath as PassStateEntered then ExecutionFailed (States.Runtime), no state failure
        // event: corpus case scenarios_test_base_scenarios.TestBaseScenarios.test_invalid_jsonpath[
        // ST.INVALID_JSONPATH_IN_INPUTPATH]
        String definition = """
                {"StartAt": "pass", "States": {"pass": {"Type": "Pass", "InputPath": "$.NoSuchInputPath",
                  "End": true}}}""";
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        try (CamelContext camel = route(dir, definition, trace)) {
            assertThrows(Exception.class,
                    () -> camel.createProducerTemplate().requestBody("direct:start", "{\"int-literal\": 0}"));
        }
        assertEquals(List.of("▶ pass (Pass)", "✗ pass: States.Runtime (An error occurred while executing the state "
                + "'pass' (entered at the event id #2)…)"), text.toString().lines().toList());
        assertEquals(0, trace.executionsInProgress());
    }

    @Test
    void aTaskFailureEndingTheExecutionIsPrintedOnce() {
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        trace.onEvent("arn:e", event(1, 0, "ExecutionStarted", null));
        ObjectNode entered = event(2, 1, "TaskStateEntered", "stateEnteredEventDetails");
        ((ObjectNode) entered.get("stateEnteredEventDetails")).put("name", "Call");
        trace.onEvent("arn:e", entered);
        ObjectNode taskFailed = event(3, 2, "TaskFailed", "taskFailedEventDetails");
        ((ObjectNode) taskFailed.get("taskFailedEventDetails")).put("error", "Boom").put("cause", "down");
        ObjectNode executionFailed = event(4, 3, "ExecutionFailed", "executionFailedEventDetails");
        ((ObjectNode) executionFailed.get("executionFailedEventDetails")).put("error", "Boom").put("cause", "down");
        trace.onEvent("arn:e", executionFailed); // heard before the event it follows: printed after it
        trace.onEvent("arn:e", taskFailed);
        assertEquals(List.of("▶ Call (Task)", "✗ Call: Boom (down)"), text.toString().lines().toList());
        assertEquals(0, trace.executionsInProgress());
    }

    @Test
    void aResumedExecutionIsPrintedFromTheFirstEventHeard() {
        // a redriven or resumed execution's history goes on from its earlier events: they are not heard again
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        ObjectNode entered = event(7, 6, "PassStateEntered", "stateEnteredEventDetails");
        ((ObjectNode) entered.get("stateEnteredEventDetails")).put("name", "Again");
        trace.onEvent("arn:r", entered);
        assertEquals(List.of("▶ Again (Pass)"), text.toString().lines().toList());
        trace.finish("arn:r", List.of());
        assertEquals(0, trace.executionsInProgress());
    }

    private static CamelContext route(Path dir, String definition, TracePrinter trace) throws Exception {
        Path file = Files.writeString(dir.resolve("m.asl.json"), definition);
        CamelContext camel = new DefaultCamelContext();
        camel.getComponent("asl", AslComponent.class).setHistoryListener(trace);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:start").to("asl:m?definition=file:" + file);
            }
        });
        camel.start();
        return camel;
    }

    private static ObjectNode event(long id, long previous, String type, String detailsField) {
        ObjectNode event = Json.NODES.objectNode().put("id", id).put("previousEventId", previous).put("type", type)
                .put("timestamp", "2026-01-01T00:00:00Z");
        if (detailsField != null) {
            event.putObject(detailsField);
        }
        return event;
    }
}
