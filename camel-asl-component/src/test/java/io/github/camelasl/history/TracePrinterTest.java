package io.github.camelasl.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslComponent;
import io.github.camelasl.dataflow.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        // while several are in progress, lines start with the execution's name
        List<String> lines = text.toString().lines().map(line -> line.replaceFirst("^[0-9a-f-]{36} \\| ", ""))
                .toList();
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

    @Test
    void aMultiMegabyteBlankRunInACauseIsPrintedCutAndAtOnce() {
        // a cause is data (a Fail state's CausePath): a regular expression over its blanks took 16 s for 60,000
        String cause = "down" + " ".repeat(4_000_000) + "x" + " \t ".repeat(1_000_000) + "\n" + "y";
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            trace.onEvent("arn:e", entered(1, 0, "TaskStateEntered", "Call"));
            trace.onEvent("arn:e", failed(2, 1, "TaskFailed", "Boom", cause));
        });
        assertEquals(List.of("▶ Call (Task)", "✗ Call: Boom (down" + " ".repeat(75) + "…)"),
                text.toString().lines().toList());
    }

    @Test
    void aPreviewPutsLinesOnOneAndCutsAtEightyCharacters() {
        assertEquals("a b   c d", TracePrinter.preview("  a \r\n  b   c\n\n d \n "));
        assertEquals("x".repeat(80), TracePrinter.preview("x".repeat(80)));
        assertEquals("x".repeat(79) + "…", TracePrinter.preview("x".repeat(81)));
        assertEquals("x".repeat(79) + "…", TracePrinter.preview("x".repeat(79) + "\n" + "y"));
        assertEquals("x".repeat(79), TracePrinter.preview("x".repeat(79) + " \n "));
    }

    @Test
    void linesStartWithTheExecutionsNameWhileSeveralAreInProgress() {
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        String first = "arn:aws:states:us-east-1:123456789012:execution:m:first";
        String second = "arn:aws:states:us-east-1:123456789012:execution:m:second";
        trace.onEvent(first, event(1, 0, "ExecutionStarted", null));
        trace.onEvent(first, entered(2, 1, "PassStateEntered", "A"));
        trace.onEvent(second, event(1, 0, "ExecutionStarted", null));
        trace.onEvent(second, entered(2, 1, "PassStateEntered", "A"));
        trace.onEvent(first, event(3, 2, "ExecutionSucceeded", null));
        trace.onEvent(second, entered(3, 2, "PassStateEntered", "B"));
        assertEquals(List.of("▶ A (Pass)", "second | ▶ A (Pass)", "▶ B (Pass)"),
                text.toString().lines().toList());
    }

    @Test
    void aRedrivesEventsGoOnFromTheStoredOnesContext() {
        // a redriven Map iteration's events follow the stored MapIterationStarted: they keep its depth and [i]
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        String arn = "arn:aws:states:us-east-1:123456789012:execution:m:r";
        ObjectNode iteration = event(4, 3, "MapIterationStarted", "mapIterationStartedEventDetails");
        ((ObjectNode) iteration.get("mapIterationStartedEventDetails")).put("name", "Each").put("index", 1);
        List<com.fasterxml.jackson.databind.JsonNode> stored = List.of(event(1, 0, "ExecutionStarted", null),
                entered(2, 1, "MapStateEntered", "Each"), event(3, 2, "MapStateStarted", null), iteration,
                entered(5, 4, "TaskStateEntered", "Item"), failed(6, 5, "TaskFailed", "Boom", "down"),
                failed(7, 6, "ExecutionFailed", "Boom", "down"));
        trace.replay(arn, stored);
        trace.onEvent(arn, event(8, 7, "ExecutionRedriven", null));
        trace.onEvent(arn, entered(9, 4, "TaskStateEntered", "Item"));
        trace.onEvent(arn, event(10, 9, "ExecutionSucceeded", null));
        assertEquals(List.of("▶ Each (Map)", "  ↳ Each[1]", "    [1] ▶ Item (Task)",
                "    [1] ✗ Item: Boom (down)", "    [1] ▶ Item (Task)"), text.toString().lines().toList());
        assertEquals(0, trace.executionsInProgress());
    }

    @Test
    void aLambdaFunctionsFailedCallAndRetryArePrinted() {
        // AWS's events for a Lambda function ARN: corpus case
        // scenarios_test_base_scenarios.TestBaseScenarios.test_lambda_invoke_with_retry_base
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        trace.onEvent("arn:l", entered(1, 0, "TaskStateEntered", "Call"));
        trace.onEvent("arn:l", event(2, 1, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails"));
        trace.onEvent("arn:l", event(3, 2, "LambdaFunctionStarted", null));
        trace.onEvent("arn:l", failed(4, 3, "LambdaFunctionFailed", "Exception", "down"));
        trace.onEvent("arn:l", event(5, 4, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails"));
        trace.onEvent("arn:l", event(6, 5, "LambdaFunctionStarted", null));
        trace.onEvent("arn:l", failed(7, 6, "LambdaFunctionTimedOut", null, null));
        trace.onEvent("arn:l", failed(8, 7, "ExecutionFailed", "States.Timeout", null));
        assertEquals(List.of("▶ Call (Task)", "✗ Call: Exception (down)", "↻ Call (retry)",
                "✗ Call: States.Timeout"), text.toString().lines().toList());
        assertEquals(0, trace.executionsInProgress());
    }

    @Test
    void anExecutionsTimeOutAndAbortArePrinted() {
        // AWS ends a run past TimeoutSeconds with ExecutionTimedOut (error States.Timeout), a StopExecution with
        // ExecutionAborted (error and cause as the caller gave them, or none): no state event reports either.
        // https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
        StringWriter text = new StringWriter();
        TracePrinter trace = new TracePrinter(new PrintWriter(text));
        trace.onEvent("arn:t", entered(1, 0, "WaitStateEntered", "Sleep"));
        trace.onEvent("arn:t", failed(2, 1, "ExecutionTimedOut", "States.Timeout", "The execution timed out"));
        trace.onEvent("arn:a", entered(1, 0, "WaitStateEntered", "Sleep"));
        trace.onEvent("arn:a", failed(2, 1, "ExecutionAborted", null, null));
        trace.onEvent("arn:b", entered(1, 0, "WaitStateEntered", "Sleep"));
        trace.onEvent("arn:b", failed(2, 1, "ExecutionAborted", "Operator", "cancelled"));
        assertEquals(List.of("▶ Sleep (Wait)", "✗ execution timed out: States.Timeout (The execution timed out)",
                "▶ Sleep (Wait)", "✗ execution aborted", "▶ Sleep (Wait)", "✗ execution aborted: Operator (cancelled)"),
                text.toString().lines().toList());
        assertEquals(0, trace.executionsInProgress());
    }

    private static ObjectNode entered(long id, long previous, String type, String name) {
        ObjectNode event = event(id, previous, type, "stateEnteredEventDetails");
        ((ObjectNode) event.get("stateEnteredEventDetails")).put("name", name);
        return event;
    }

    private static ObjectNode failed(long id, long previous, String type, String error, String cause) {
        String field = Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
        ObjectNode event = event(id, previous, type, field);
        if (error != null) {
            ((ObjectNode) event.get(field)).put("error", error);
        }
        if (cause != null) {
            ((ObjectNode) event.get(field)).put("cause", cause);
        }
        return event;
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
