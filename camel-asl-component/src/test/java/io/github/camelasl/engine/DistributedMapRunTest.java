package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceResolver;
import io.github.camelasl.store.StoredMapRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * A Distributed Map's run: its ARN and history events, what the store keeps for DescribeMapRun, and its
 * ResultWriter, whose writes a resolver here sends to a local route (as a resource mapping would send them
 * on-premises); the S3 connector's test writes the same files to S3Mock.
 */
class DistributedMapRunTest extends EngineTestSupport {

    /** The files written, by key: the Body of each write. */
    private final Map<String, String> files = new ConcurrentHashMap<>();

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.getRegistry().bind("writes-on-routes", (ResourceResolver) (resource, ctx) -> switch (resource) {
            case "arn:aws:states:::s3:putObject" -> Optional.of("direct:put-object");
            default -> Optional.empty();
        });
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:hold").process(e -> {
                    if (!HOLD.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never let the branch go");
                    }
                });
                from("direct:put-object").process(e -> {
                    JsonNode request = Json.parse(e.getMessage().getBody(String.class));
                    if (request.path("Bucket").asText().equals("no-such-bucket")) {
                        throw new AslError("S3.NoSuchBucketException", "The specified bucket does not exist");
                    }
                    files.put(request.path("Key").asText(), request.path("Body").asText());
                    e.getMessage().setBody("{\"ETag\": \"\\\"1\\\"\"}");
                });
            }
        });
    }

    private static final String ITEMS = "{\"items\": [1, 2, 3]}";

    private static String distributed(String extra, String processor) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemsPath": "$.items", %s
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                    "StartAt": "P", "States": %s}}}}""".formatted(extra, processor);
    }

    private static final String PASS = "{\"P\": {\"Type\": \"Pass\", \"End\": true}}";
    /** Fails on item 2, passes the others on as a list of themselves. */
    private static final String FAILS_ON_TWO = """
            {"P": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 2, "Next": "Boom"}],
                   "Default": "Ok"},
             "Ok": {"Type": "Pass", "Parameters": {"n.$": "$"}, "End": true},
             "Boom": {"Type": "Fail", "Error": "Item.Bad", "Cause": "two"}}""";

    private static List<String> types(ExecutionResult result) {
        return result.history().stream().map(e -> e.path("type").asText()).toList();
    }

    private static String mapRunArn(ExecutionResult result) {
        return result.history().stream().filter(e -> e.path("type").asText().equals("MapRunStarted")).findFirst()
                .orElseThrow().path("mapRunStartedEventDetails").path("mapRunArn").asText();
    }

    @Test
    void aDistributedMapRunHasAnArnAndItsEventsWhereAwsRecordsThem() throws Exception {
        ExecutionResult result = run(distributed("\"Label\": \"Batch\",", PASS), ITEMS);
        assertEquals(json("[1, 2, 3]"), result.output());
        String arn = mapRunArn(result);
        assertTrue(arn.matches("arn:aws:states:[^:]*:[0-9]+:mapRun:test/Batch:[0-9a-f-]{36}"), arn);
        List<String> types = types(result);
        // MapStateStarted, MapRunStarted, ... MapRunSucceeded, MapStateSucceeded (test_map_state_result_writer)
        int started = types.indexOf("MapStateStarted");
        assertEquals("MapRunStarted", types.get(started + 1));
        int succeeded = types.indexOf("MapStateSucceeded");
        assertEquals("MapRunSucceeded", types.get(succeeded - 1));
        JsonNode runStarted = result.history().get(started + 1);
        assertEquals(result.history().get(started).path("id").asLong(), runStarted.path("previousEventId").asLong());

        StoredMapRun kept = store.mapRun(arn).orElseThrow();
        assertEquals("SUCCEEDED", kept.status());
        assertEquals(result.executionArn(), kept.executionArn());
        assertEquals(new StoredMapRun.Counts(0, 0, 3, 0, 0, 0, 3, 0), kept.executionCounts());
        assertTrue(kept.stopDate() != null && !kept.stopDate().isBefore(kept.startDate()));
        assertEquals(List.of(arn), store.mapRuns(result.executionArn()).stream().map(StoredMapRun::mapRunArn)
                .toList());
    }

    @Test
    void anInlineMapHasNoMapRun() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemsPath": "$.items",
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", ITEMS);
        assertTrue(types(result).stream().noneMatch(t -> t.startsWith("MapRun")), types(result)::toString);
        assertEquals(List.of(), store.mapRuns(result.executionArn()));
    }

    @Test
    void aRunPastItsToleranceFailsWithMapRunFailedAndItsSettingsAreKept() throws Exception {
        ExecutionResult result = run(distributed("\"MaxConcurrency\": 2, \"ToleratedFailureCount\": 0,",
                FAILS_ON_TWO), ITEMS);
        assertEquals("States.ExceedToleratedFailureThreshold", result.error());
        JsonNode failed = result.history().stream().filter(e -> e.path("type").asText().equals("MapRunFailed"))
                .findFirst().orElseThrow();
        assertEquals("States.ExceedToleratedFailureThreshold",
                failed.path("mapRunFailedEventDetails").path("error").asText());
        List<String> types = types(result);
        assertEquals("MapRunFailed", types.get(types.indexOf("MapStateFailed") - 1));
        StoredMapRun kept = store.mapRun(mapRunArn(result)).orElseThrow();
        assertEquals("FAILED", kept.status());
        assertEquals(2, kept.maxConcurrency());
        assertEquals(0, kept.toleratedFailureCount());
        assertEquals(1, kept.executionCounts().failed());
        assertEquals(3, kept.executionCounts().total());
    }

    @Test
    void anItemReaderFailureIsTheMapRunsAsAwsRecordsIt() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:object").setBody(constant("{\"Hello\": \"world\"}"));
            }
        });
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:object", "ReaderConfig": {"InputType": "JSON"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "{}");
        assertEquals("States.ItemReaderFailed", result.error());
        // test_map_item_reader_json_no_json_list_object: MapStateStarted{length 0}, MapRunStarted, MapRunFailed,
        // MapStateFailed, ExecutionFailed
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed",
                "MapStateFailed", "ExecutionFailed"), types(result));
        assertEquals(0, result.history().get(2).path("mapStateStartedEventDetails").path("length").asInt());
        assertEquals("Attempting to map over non-iterable node.", result.history().get(4)
                .path("mapRunFailedEventDetails").path("cause").asText());
    }

    @Test
    void aNegativeMaxItemsFailsTheMapRun() throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:lines").setBody(constant("{\"n\": 1}\n"));
            }
        });
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:lines", "ReaderConfig": {"InputType": "JSONL",
                                 "MaxItemsPath": "$.max"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""",
                "{\"max\": -1}");
        // test_map_item_reader_csv_max_items_paths[-1]: the map run fails with "field MaxItems must be positive"
        assertEquals(List.of("ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed",
                "MapStateFailed", "ExecutionFailed"), types(result));
        assertEquals("field MaxItems must be positive", result.history().get(4).path("mapRunFailedEventDetails")
                .path("cause").asText());
    }

    @Test
    void writerConfigAloneKeepsAToleratedFailureInItsPlaceInNoneForm() throws Exception {
        ExecutionResult result = run(distributed("""
                "ToleratedFailureCount": 1,
                "ResultWriter": {"WriterConfig": {"Transformation": "COMPACT"}},""", FAILS_ON_TWO), ITEMS);
        assertEquals(3, result.output().size(), result.output()::toString);
        assertEquals(json("{\"n\": 1}"), result.output().get(0));
        assertEquals("Item.Bad", result.output().get(1).path("Error").asText());
        assertEquals("FAILED", result.output().get(1).path("Status").asText());
        assertEquals(json("{\"n\": 3}"), result.output().get(2));
    }

    @Test
    void resultsAreWrittenWithAManifestAndTheMapAnswersWhereItIs() throws Exception {
        ExecutionResult result = run(distributed("""
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                 "Parameters": {"Bucket": "results", "Prefix.$": "$.prefix"}},""", PASS),
                "{\"items\": [1, 2, 3], \"prefix\": \"runs\"}");
        String arn = mapRunArn(result);
        String uuid = arn.substring(arn.lastIndexOf(':') + 1);
        String manifestKey = "runs/" + uuid + "/manifest.json";
        assertEquals(json("""
                {"MapRunArn": "%s", "ResultWriterDetails": {"Bucket": "results", "Key": "%s"}}"""
                .formatted(arn, manifestKey)), result.output());
        String succeededKey = "runs/" + uuid + "/SUCCEEDED_0.json";
        assertEquals(java.util.Set.of(manifestKey, succeededKey), files.keySet());
        assertEquals(json("""
                {"DestinationBucket": "results", "MapRunArn": "%s",
                 "ResultFiles": {"FAILED": [], "PENDING": [], "SUCCEEDED": [{"Key": "%s", "Size": %d}]}}"""
                .formatted(arn, succeededKey, files.get(succeededKey).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        .length)), Json.parse(files.get(manifestKey)));
        // NONE, the default when exporting: each result as DescribeExecution describes a child execution
        JsonNode results = Json.parse(files.get(succeededKey));
        assertEquals(3, results.size());
        JsonNode first = results.get(0);
        assertEquals("SUCCEEDED", first.path("Status").asText());
        assertEquals("1", first.path("Input").asText());
        assertEquals("1", first.path("Output").asText());
        assertTrue(first.path("ExecutionArn").asText().contains(":execution:test/M:"), first::toString);
        assertTrue(first.has("StartDate") && first.has("StopDate"), first::toString);
        assertEquals(3, store.mapRun(arn).orElseThrow().executionCounts().resultsWritten());
    }

    @Test
    void failedResultsGoToTheirOwnFileInNoneFormAndCompactJsonLinesKeepsOnlyOutputs() throws Exception {
        ExecutionResult result = run(distributed("""
                "ToleratedFailureCount": 1,
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                 "Parameters": {"Bucket": "results", "Prefix": "p/"},
                                 "WriterConfig": {"Transformation": "COMPACT", "OutputType": "JSONL"}},""",
                FAILS_ON_TWO), ITEMS);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        String uuid = mapRunArn(result).substring(mapRunArn(result).lastIndexOf(':') + 1);
        assertEquals("{\"n\":1}\n{\"n\":3}\n", files.get("p/" + uuid + "/SUCCEEDED_0.jsonl"));
        JsonNode failed = Json.parse(files.get("p/" + uuid + "/FAILED_0.jsonl").trim());
        assertEquals("FAILED", failed.path("Status").asText());
        assertEquals("Item.Bad", failed.path("Error").asText());
        assertEquals("two", failed.path("Cause").asText());
        assertEquals("2", failed.path("Input").asText());
        JsonNode manifest = Json.parse(files.get("p/" + uuid + "/manifest.json"));
        assertEquals("p/" + uuid + "/FAILED_0.jsonl", manifest.path("ResultFiles").path("FAILED").get(0)
                .path("Key").asText());
    }

    @Test
    void aRunPastItsToleranceStillWritesItsResultsThenFails() throws Exception {
        ExecutionResult result = run(distributed("""
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                 "Parameters": {"Bucket": "results", "Prefix": "x"}},""", FAILS_ON_TWO), ITEMS);
        assertEquals(ExecutionStatus.FAILED, result.status());
        String uuid = mapRunArn(result).substring(mapRunArn(result).lastIndexOf(':') + 1);
        assertTrue(files.containsKey("x/" + uuid + "/manifest.json"), files.keySet()::toString);
        assertTrue(files.containsKey("x/" + uuid + "/FAILED_0.json"), files.keySet()::toString);
        assertEquals("FAILED", store.mapRun(mapRunArn(result)).orElseThrow().status());
    }

    @Test
    void writerConfigAloneShapesTheOutputWithoutWriting() throws Exception {
        String flatten = distributed("""
                "ResultWriter": {"WriterConfig": {"Transformation": "FLATTEN", "OutputType": "JSON"}},""",
                "{\"P\": {\"Type\": \"Pass\", \"Parameters\": [\"a\", \"b\"], \"End\": true}}")
                .replace("\"Parameters\": [\"a\", \"b\"]", "\"Result\": [\"a\", \"b\"]");
        ExecutionResult result = run(flatten, "{\"items\": [1, 2]}");
        assertEquals(json("[\"a\", \"b\", \"a\", \"b\"]"), result.output());
        assertTrue(files.isEmpty());
        ExecutionResult none = run(distributed("\"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"NONE\"}},",
                PASS), "{\"items\": [7]}");
        assertEquals("7", none.output().get(0).path("Output").asText());
        assertEquals("SUCCEEDED", none.output().get(0).path("Status").asText());
    }

    @Test
    void aWriteThatFailsFailsTheMapWithResultWriterFailedWhichCatchRoutes() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemsPath": "$.items", "Next": "Done",
                        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                         "Parameters": {"Bucket": "no-such-bucket"}},
                        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                                          "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                        "Catch": [{"ErrorEquals": ["States.ResultWriterFailed"], "Next": "Caught"}]},
                  "Done": {"Type": "Succeed"},
                  "Caught": {"Type": "Pass", "End": true}}}""", ITEMS);
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result::cause);
        assertEquals("States.ResultWriterFailed", result.output().path("Error").asText());
        assertTrue(result.output().path("Cause").asText().contains("S3.NoSuchBucketException"),
                result.output()::toString);
        List<String> types = types(result);
        assertEquals("MapRunFailed", types.get(types.indexOf("MapStateFailed") - 1));
        assertEquals("FAILED", store.mapRun(mapRunArn(result)).orElseThrow().status());
    }

    @Test
    void validationTakesTheResultWriterCombinationsAwsTakes() {
        AslValidationException empty = assertThrows(AslValidationException.class, () -> deploy(distributed(
                "\"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\"},", PASS)));
        assertTrue(empty.getMessage().contains("The ResultWriter must have WriterConfig, or Resource and Parameters"),
                empty::getMessage);
        AslValidationException inline = assertThrows(AslValidationException.class, () -> deploy("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ResultWriter": {"WriterConfig": {"Transformation": "COMPACT"}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"""));
        assertTrue(inline.getMessage().contains("The ResultWriter is for a Distributed Map"), inline::getMessage);
        AslValidationException badTransformation = assertThrows(AslValidationException.class, () -> deploy(
                distributed("\"ResultWriter\": {\"WriterConfig\": {\"Transformation\": \"SQUASH\"}},", PASS)));
        assertTrue(badTransformation.getMessage().contains("Transformation"), badTransformation::getMessage);
    }

    @Test
    void aRunWhoseParallelGivesUpIsAborted() throws Exception {
        StateMachineRuntime runtime = deploy("""
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "Hold", "States": {
                    "Hold": {"Type": "Task", "Resource": "direct:hold", "Next": "Fails"},
                    "Fails": {"Type": "Fail", "Error": "Sibling.Failed"}}},
                  {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemsPath": "$.items",
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                      "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 30,
                                                                     "End": true}}}}}}]}}}""");
        StateMachineRuntime.Started started = runtime.begin(Json.parse(ITEMS), null, Map.of(), List.of(), true);
        String arn = awaitMapRun(started.executionArn());
        HOLD.countDown(); // the sibling fails now, while the map run goes on
        ExecutionResult result = started.completion().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("Sibling.Failed", result.error());
        awaitStatus(arn, "ABORTED");
        assertTrue(runtime.history(started.executionArn()).stream()
                .anyMatch(e -> e.path("type").asText().equals("MapRunAborted")), types(result)::toString);
        assertEquals(3, store.mapRun(arn).orElseThrow().executionCounts().aborted());
    }

    /** Lets the Parallel's failing branch go on. */
    private final java.util.concurrent.CountDownLatch HOLD = new java.util.concurrent.CountDownLatch(1);

    /** Waits, at most 10 s, for the execution's map run to start. */
    private String awaitMapRun(String executionArn) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            String arn = store.mapRuns(executionArn).stream().map(StoredMapRun::mapRunArn).findFirst().orElse(null);
            if (arn != null) {
                return arn;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the map run never started");
    }

    @Test
    void aRunOfAStoppedExecutionIsAborted() throws Exception {
        StateMachineRuntime runtime = deploy(distributed("", """
                {"P": {"Type": "Wait", "Seconds": 30, "End": true}}"""));
        StateMachineRuntime.Started started = runtime.begin(Json.parse(ITEMS), null, Map.of(), List.of(), true);
        String arn = awaitMapRun(started.executionArn());
        assertEquals("RUNNING", store.mapRun(arn).orElseThrow().status());
        MapRun live = runtime.mapRun(started.executionArn(), arn);
        for (int i = 0; i < 400 && live.describe().executionCounts().running() < 3; i++) {
            Thread.sleep(25);
        }
        assertEquals(3, live.describe().executionCounts().running());
        runtime.stop(started.executionArn(), "Stopped", "by the test");
        awaitStatus(arn, "ABORTED");
    }

    /** Waits, at most 10 s, for the store to keep the map run with that status. */
    private void awaitStatus(String arn, String status) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (store.mapRun(arn).map(StoredMapRun::status).orElse("").equals(status)) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("map run " + arn + " is " + store.mapRun(arn).map(StoredMapRun::status)
                .orElse("absent") + ", not " + status);
    }

    @Test
    void mapRunArnsNameTheStateMachineAndTheLabel() {
        assertEquals("arn:aws:states:eu-west-1:123456789012:mapRun:orders/Batch:u-1", MapRun.arn(
                "arn:aws:states:eu-west-1:123456789012:execution:orders:e-1", "Batch", "u-1"));
    }
}
