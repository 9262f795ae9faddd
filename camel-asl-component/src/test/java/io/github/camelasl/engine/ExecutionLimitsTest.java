package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.AslDeployer;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceResolvers;
import io.github.camelasl.store.SqliteExecutionStore;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import io.github.camelasl.engine.ExecutionLimits.Mode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Execution limits: nothing an execution does (loop for ever, grow or nest its data, get a huge or deep reply)
 * takes the process down or leaves it running; it ends with an ASL error naming the limit. With limits=aws,
 * AWS's quotas and words; by default, caps far above them.
 */
class ExecutionLimitsTest extends EngineTestSupport {

    private static final Duration GUARD = Duration.ofSeconds(20);

    private static final String ENDLESS_LOOP = """
            {"StartAt": "Again", "States": {
              "Again": {"Type": "Pass", "Next": "Loop"},
              "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Again"}],
                       "Default": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    /** Each round nests the data one level deeper. */
    private static final String DEEPENING_LOOP = """
            {"StartAt": "Wrap", "States": {
              "Wrap": {"Type": "Pass", "Parameters": {"inner.$": "$", "go": true}, "Next": "Loop"},
              "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Wrap"}],
                       "Default": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    /** Each round doubles the data's text, sharing its tree: cheap in memory, huge once written. */
    private static final String DOUBLING_LOOP = """
            {"StartAt": "Double", "States": {
              "Double": {"Type": "Pass", "Parameters": {"left.$": "$", "right.$": "$", "go": true}, "Next": "Loop"},
              "Loop": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Double"}],
                       "Default": "Done"},
              "Done": {"Type": "Succeed"}}}
            """;

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:big-stream").process(e -> e.getMessage().setBody(
                        new ByteArrayInputStream(("\"" + "x".repeat(2_000_000) + "\"").getBytes(StandardCharsets.UTF_8))));
                from("direct:deep-reply").process(e -> e.getMessage().setBody(
                        "[".repeat(1500) + "]".repeat(1500)));
                from("direct:echo").setBody(body());
            }
        });
    }

    private ExecutionResult runWith(ExecutionLimits limits, String definition, String input) throws Exception {
        return assertTimeoutPreemptively(GUARD, () -> deploy(definition, limits)
                .start(Json.parse(input), null, Map.of(), List.of()).get(GUARD.toSeconds(), TimeUnit.SECONDS));
    }

    private static void assertFailed(ExecutionResult result, String error, String causePart) {
        assertEquals(ExecutionStatus.FAILED, result.status(), () -> "output: " + result.output());
        assertEquals(error, result.error(), result::cause);
        assertTrue(result.cause().contains(causePart), result::cause);
    }

    @Test
    void anEndlessLoopFailsWhenItsHistoryIsFullWithAwsErrorAndCause() throws Exception {
        ExecutionResult result = runWith(new ExecutionLimits(Mode.DEFAULT, null, null, 1000), ENDLESS_LOOP,
                "{\"go\": true}");
        assertFailed(result, ErrorNames.RUNTIME, "The execution reached the maximum number of history events (1000).");
        assertEquals(1000, result.history().size());
        JsonNode last = result.history().get(999);
        assertEquals("ExecutionFailed", last.path("type").asText());
        assertEquals(1000, last.path("id").asInt());
        assertEquals(1000, store.events(result.executionArn()).size());
    }

    @Test
    void anExecutionWhoseHistoryIsFullCannotBeRedriven() throws Exception {
        StateMachineRuntime machine = deploy(ENDLESS_LOOP, new ExecutionLimits(Mode.DEFAULT, null, null, 100));
        ExecutionResult result = assertTimeoutPreemptively(GUARD, () -> machine.start(Json.parse("{\"go\": true}"),
                "full", Map.of(), List.of()).get(GUARD.toSeconds(), TimeUnit.SECONDS));
        assertEquals(ExecutionStatus.FAILED, result.status());
        AslError refused = assertThrows(AslError.class, () -> machine.redrive(result.executionArn(), List.of()));
        assertEquals("ExecutionNotRedrivable", refused.error());
        assertTrue(refused.cause().contains("has 100 history events"), refused::cause);
    }

    @Test
    void awsLimitsEndAnEndlessLoopAtItsTwentyFiveThousandthEvent() throws Exception {
        ExecutionResult result = runWith(ExecutionLimits.AWS, ENDLESS_LOOP, "{\"go\": true}");
        assertFailed(result, ErrorNames.RUNTIME, "The execution reached the maximum number of history events (25000).");
        assertEquals(25_000, result.history().size());
        assertEquals("ExecutionFailed", result.history().get(24_999).path("type").asText());
    }

    @Test
    void anExecutionWhoseLastEventIsTheCapsSucceeds() throws Exception {
        // ExecutionStarted, Pass entered/exited, Succeed entered/exited, ExecutionSucceeded: 6 events
        String twoStates = """
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "S"}, "S": {"Type": "Succeed"}}}""";
        ExecutionResult result = runWith(new ExecutionLimits(Mode.DEFAULT, null, null, 6), twoStates, "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertEquals(6, result.history().size());
    }

    @Test
    void awsLimitsFailAStateWhoseOutputPassesTwoHundredFiftySixKibInAwsWords() throws Exception {
        String doubling = """
                {"StartAt": "Double", "States": {"Double": {"Type": "Pass",
                  "Parameters": {"a.$": "$.s", "b.$": "$.s"}, "End": true}}}""";
        String input = "{\"s\": \"" + "x".repeat(200_000) + "\"}";
        ExecutionResult result = runWith(ExecutionLimits.AWS, doubling, input);
        assertFailed(result, ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task 'Double' returned a result with a size "
                + "exceeding the maximum number of bytes service limit.");
        // the default does not reimpose AWS's quota
        assertEquals(ExecutionStatus.SUCCEEDED, runWith(ExecutionLimits.DEFAULT, doubling, input).status());
    }

    @Test
    void aStateCatchesDataLimitExceededByName() throws Exception {
        String caught = """
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "direct:big-stream", "End": true,
                           "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "Next": "TooBig"}]},
                  "TooBig": {"Type": "Pass", "Result": "too big", "End": true}}}""";
        ExecutionResult result = runWith(new ExecutionLimits(Mode.DEFAULT, 1_000_000, null, null), caught, "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertEquals("too big", result.output().asText());
    }

    @Test
    void aTaskReplyStreamIsReadNoFurtherThanTheCap() throws Exception {
        String call = """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:big-stream", "End": true}}}""";
        ExecutionResult result = runWith(new ExecutionLimits(Mode.DEFAULT, 1_000_000, null, null), call, "{}");
        assertFailed(result, ErrorNames.DATA_LIMIT_EXCEEDED, "more than 1000000 bytes");
    }

    @Test
    void aTaskReplyTooDeepToReadFailsTheStateRatherThanBecomingText() throws Exception {
        String call = """
                {"StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "direct:deep-reply", "End": true}}}""";
        ExecutionResult result = runWith(ExecutionLimits.DEFAULT, call, "{}");
        assertFailed(result, ErrorNames.DATA_LIMIT_EXCEEDED, "nesting depth");
    }

    @Test
    void dataNestedDeeperEachRoundFailsAtTheDepthCap() throws Exception {
        ExecutionResult result = runWith(new ExecutionLimits(Mode.DEFAULT, null, 50, null), DEEPENING_LOOP,
                "{\"go\": true}");
        assertFailed(result, ErrorNames.DATA_LIMIT_EXCEEDED,
                "The state/task 'Wrap' returned a result nested deeper than the 50 levels maxNestingDepth allows");
    }

    @Test
    void dataNestedDeeperEachRoundFailsAtTheEnginesDepthByDefault() throws Exception {
        ExecutionResult result = runWith(ExecutionLimits.DEFAULT, DEEPENING_LOOP, "{\"go\": true}");
        assertFailed(result, ErrorNames.DATA_LIMIT_EXCEEDED, "deeper than the 1000 levels");
        // what it recorded can be read: every event renders
        result.history().forEach(event -> assertTrue(Json.write(event).length() > 0));
    }

    @Test
    void onTheDurableStoreDataTooDeepToStoreFailsTheExecutionThereRatherThanLeavingItRunning(@TempDir Path folder)
            throws Exception {
        ExecutionResult result;
        try (SqliteExecutionStore sqlite = SqliteExecutionStore.open(folder)) {
            StateMachineRuntime machine = new AslDeployer(context, sqlite, new ResourceResolvers(context, List.of()),
                    Executors.newSingleThreadScheduledExecutor()).deploy("durable", DEEPENING_LOOP,
                    StateMachineConfig.of("durable"));
            result = assertTimeoutPreemptively(GUARD, () -> machine.start(Json.parse("{\"go\": true}"), "deep",
                    Map.of(), List.of()).get(GUARD.toSeconds(), TimeUnit.SECONDS));
            assertFailed(result, ErrorNames.DATA_LIMIT_EXCEEDED, "deeper than the 1000 levels");
            assertEquals(ExecutionStatus.FAILED, sqlite.find(result.executionArn()).orElseThrow().status());
            assertTrue(sqlite.unfinished(machine.config().stateMachineArn()).isEmpty(), "nothing left to resume");
        }
        try (SqliteExecutionStore reopened = SqliteExecutionStore.open(folder)) { // and it reads back
            assertEquals(result.history().size(), reopened.events(result.executionArn()).size());
        }
    }

    /**
     * Each iteration's output is within the cap, all of them together are not: the Map fails as the result passes
     * the cap, not after collecting every output (ResultPath null would never measure the collected result).
     */
    @Test
    void mapResultsPastThePayloadCapFailTheMapAsTheyArriveEvenWhenResultPathDropsThem() throws Exception {
        String pad = "x".repeat(3000);
        ArrayNode items = Json.NODES.arrayNode();
        for (int i = 0; i < 200; i++) {
            items.add(i);
        }
        ExecutionResult result = runWith(new ExecutionLimits(Mode.DEFAULT, 100_000, null, null), """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 4,
                  "ItemSelector": {"pad.$": "$.pad", "i.$": "$$.Map.Item.Value"}, "ResultPath": null, "End": true,
                  "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "direct:echo",
                                                                     "End": true}}}}}}""",
                "{\"pad\": \"" + pad + "\", \"items\": " + items + "}");
        assertFailed(result, ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task 'M' returned a result with a size "
                + "exceeding the maximum number of bytes service limit. It has more than 100000 bytes");
        long succeeded = result.history().stream()
                .filter(event -> event.path("type").asText().equals("MapIterationSucceeded")).count();
        assertTrue(succeeded < 60, "iterations collected: " + succeeded); // of 200; about 33 fit
    }

    @Test
    void parallelResultsPastThePayloadCapFailTheParallel() throws Exception {
        ExecutionResult result = runWith(new ExecutionLimits(Mode.DEFAULT, 100_000, null, null), """
                {"StartAt": "P", "States": {"P": {"Type": "Parallel", "ResultSelector": {"n": 3}, "End": true,
                  "Branches": [
                    {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                    {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}},
                    {"StartAt": "C", "States": {"C": {"Type": "Pass", "End": true}}}]}}}""",
                "{\"pad\": \"" + "y".repeat(40_000) + "\"}");
        assertFailed(result, ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task 'P' returned a result with a size");
    }

    /** Small outputs' measured sizes are upper bounds: their sum passing the cap is checked exactly before failing. */
    @Test
    void manySmallMapResultsWithinTheCapSucceed() throws Exception {
        ArrayNode items = Json.NODES.arrayNode();
        for (int i = 0; i < 3000; i++) {
            items.add(i);
        }
        ExecutionResult result = runWith(new ExecutionLimits(Mode.DEFAULT, 100_000, null, null), """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "ResultPath": "$.r",
                  "End": true, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass",
                                                 "Result": {"k": "abcdefghij"}, "End": true}}}}}}""",
                "{\"items\": " + items + "}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertEquals(3000, result.output().path("r").size());
    }

    @Test
    void dataDoublingEachRoundFailsAtThePayloadCapBeforeItIsWrittenWhole() throws Exception {
        ExecutionResult result = runWith(new ExecutionLimits(Mode.DEFAULT, 1_000_000, null, null), DOUBLING_LOOP,
                "{\"go\": true}");
        assertFailed(result, ErrorNames.DATA_LIMIT_EXCEEDED, "The state/task 'Double' returned a result with a size "
                + "exceeding the maximum number of bytes service limit. It has more than 1000000 bytes");
    }

    @Test
    void anInputOverTheCapIsRefusedBeforeTheExecutionStarts() throws Exception {
        StateMachineRuntime machine = deploy("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", ExecutionLimits.AWS);
        ObjectNode input = Json.NODES.objectNode().put("s", "é".repeat(140_000)); // 280,000 bytes of UTF-8
        AslError refused = assertThrows(AslError.class, () -> machine.start(input, "big", Map.of(), List.of()));
        assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, refused.error());
        assertTrue(refused.cause().startsWith("The execution input has a size exceeding"), refused::cause);
        assertTrue(store.list().isEmpty(), "nothing was stored");
    }

    @Test
    void awsLimitsRefuseExecutionNamesAwsRefuses() throws Exception {
        StateMachineRuntime aws = deploy("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", ExecutionLimits.AWS);
        for (String bad : new String[] {"has space", "a/b", "x".repeat(81), "", "tab\there", "star*"}) {
            AslError refused = assertThrows(AslError.class,
                    () -> aws.start(Json.NODES.objectNode(), bad, Map.of(), List.of()), bad);
            assertEquals("InvalidName", refused.error(), bad);
        }
        assertEquals(ExecutionStatus.SUCCEEDED, aws.start(Json.NODES.objectNode(), "ok-name_1", Map.of(), List.of())
                .get(10, TimeUnit.SECONDS).status());
    }

    @Test
    void theDefaultAcceptsNamesAwsRefusesButNotControlCharacters() throws Exception {
        StateMachineRuntime machine = deploy("""
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""", ExecutionLimits.DEFAULT);
        assertEquals(ExecutionStatus.SUCCEEDED, machine.start(Json.NODES.objectNode(), "order #12 (retry)", Map.of(),
                List.of()).get(10, TimeUnit.SECONDS).status());
        AslError refused = assertThrows(AslError.class,
                () -> machine.start(Json.NODES.objectNode(), "line\nbreak", Map.of(), List.of()));
        assertEquals("InvalidName", refused.error());
    }

    @Test
    void limitsOutsideTheirRangeAreRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExecutionLimits(Mode.DEFAULT, null, 5000, null));
        assertTrue(e.getMessage().startsWith("maxNestingDepth must be 1 to 1000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ExecutionLimits(Mode.AWS, 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> Mode.of("strict"));
    }
}
