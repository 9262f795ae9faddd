package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.AslValidationException;
import io.github.camelasl.resource.ResourceResolver;
import io.github.camelasl.dataflow.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * Map ItemReader and ItemBatcher on local endpoints: a Camel URI (or the S3 ARNs, mapped here onto routes)
 * serves the object or the listing; the S3 connector's own test runs the same against S3Mock.
 */
class ItemReaderTest extends EngineTestSupport {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger flakyReads = new AtomicInteger();
    private final AtomicInteger pages = new AtomicInteger();

    @Override
    protected void configure(CamelContext camel) throws Exception {
        // what the S3 connector would serve, on local routes
        camel.getRegistry().bind("s3-on-routes", (ResourceResolver) (resource, ctx) -> switch (resource) {
            case "arn:aws:states:::s3:getObject" -> Optional.of("direct:get-object");
            case "arn:aws:states:::s3:listObjectsV2" -> Optional.of("direct:list-objects");
            default -> Optional.empty();
        });
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:csv").setBody(constant("""
                        id,name,note
                        1,Ada,"likes, commas"
                        2,Bob
                        3,Cy,x,extra
                        """));
                from("direct:jsonl").setBody(constant("{\"n\": 1}\n\n{\"n\": 2}\n{\"n\": 3}\n"));
                from("direct:not-a-list").setBody(constant("{\"Hello\": \"world\"}"));
                // the SDK's getObject shape: the text is the Body
                from("direct:get-object").process(e -> {
                    requests.add(e.getMessage().getBody(String.class));
                    e.getMessage().setBody("{\"Body\": \"[1, 2, 3, 4, 5]\", \"ContentType\": \"application/json\"}");
                });
                from("direct:flaky").process(e -> {
                    if (flakyReads.incrementAndGet() == 1) {
                        throw new IllegalStateException("object store busy");
                    }
                    e.getMessage().setBody("[\"a\", \"b\"]");
                });
                // two pages of a listing; bucket "endless" never ends, with a new token a page; "stuck" repeats one
                from("direct:list-objects").process(e -> {
                    String request = e.getMessage().getBody(String.class);
                    if (request.contains("endless") || request.contains("stuck")) {
                        String token = request.contains("stuck") ? "again" : "page-" + pages.incrementAndGet();
                        e.getMessage().setBody("{\"IsTruncated\": true, \"NextContinuationToken\": \"" + token
                                + "\", \"Contents\": [{\"Key\": \"k\", \"Size\": 1}]}");
                        return;
                    }
                    requests.add(request);
                    e.getMessage().setBody(request.contains("ContinuationToken")
                            ? "{\"IsTruncated\": false, \"Contents\": [{\"Key\": \"c.csv\", \"ETag\": \"\\\"3\\\"\","
                                    + " \"Size\": 3, \"StorageClass\": \"STANDARD\","
                                    + " \"LastModified\": \"2026-01-01T00:00:00Z\"}]}"
                            : "{\"IsTruncated\": true, \"NextContinuationToken\": \"page-2\", \"Contents\": ["
                                    + "{\"Key\": \"a.csv\", \"ETag\": \"\\\"1\\\"\", \"Size\": 1, \"StorageClass\": \"STANDARD\","
                                    + " \"LastModified\": \"2026-01-01T00:00:00Z\"},"
                                    + "{\"Key\": \"b.csv\", \"ETag\": \"\\\"2\\\"\", \"Size\": 2, \"StorageClass\": \"STANDARD\","
                                    + " \"LastModified\": \"2026-01-01T00:00:01Z\"}]}");
                });
                from("direct:key").setBody(simple("${body}"));
                // a 1,000-column header then 1,000 one-field rows: each row is filled out to 1,000 fields
                from("direct:wide-csv").setBody(constant(java.util.stream.IntStream.range(0, 1000)
                        .mapToObj(i -> "column" + i).collect(java.util.stream.Collectors.joining(","))
                        + "\nx".repeat(1000)));
            }
        });
    }

    @Test
    void csvRowsBecomeObjectsNamedByTheFirstRow() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:csv", "ReaderConfig": {"InputType": "CSV",
                                 "CSVHeaderLocation": "FIRST_ROW"}},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "{}");
        assertEquals(json("""
                [{"id": "1", "name": "Ada", "note": "likes, commas"},
                 {"id": "2", "name": "Bob", "note": ""},
                 {"id": "3", "name": "Cy", "note": "x"}]"""), result.output());
    }

    @Test
    void givenHeadersNameEveryRowAndJsonLinesSkipBlankLines() throws Exception {
        ExecutionResult csv = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:csv", "ReaderConfig": {"InputType": "CSV",
                                 "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["first"]}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "{}");
        assertEquals(json("[{\"first\": \"id\"}, {\"first\": \"1\"}, {\"first\": \"2\"}, {\"first\": \"3\"}]"),
                csv.output());
        ExecutionResult lines = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:jsonl", "ReaderConfig": {"InputType": "JSONL"}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.n", "End": true}}}}}}""",
                "{}");
        assertEquals(json("[1, 2, 3]"), lines.output());
    }

    @Test
    void getObjectParametersMaxItemsItemSelectorAndBatches() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                 "Parameters": {"Bucket.$": "$.bucket", "Key": "numbers.json"},
                                 "ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$.max"}},
                  "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                  "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""",
                "{\"bucket\": \"b1\", \"max\": 3, \"run\": 7}");
        assertEquals(List.of("{\"Bucket\":\"b1\",\"Key\":\"numbers.json\"}"), requests);
        assertEquals(json("""
                [{"BatchInput": {"run": 7}, "Items": [{"value": 1, "index": 0}, {"value": 2, "index": 1}]},
                 {"BatchInput": {"run": 7}, "Items": [{"value": 3, "index": 2}]}]"""), result.output());
    }

    @Test
    void aBucketListingIsReadPageByPage() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b1"}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "InputPath": "$.Key", "End": true}}}}}}""",
                "{}");
        assertEquals(json("[\"a.csv\", \"b.csv\", \"c.csv\"]"), result.output());
        assertEquals(List.of("{\"Bucket\":\"b1\"}", "{\"Bucket\":\"b1\",\"ContinuationToken\":\"page-2\"}"), requests);
    }

    @Test
    void aReadThatIsNoArrayFailsWithItemReaderFailedWhichCatchRoutes() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "End": true,
                        "ItemReader": {"Resource": "direct:not-a-list", "ReaderConfig": {"InputType": "JSON"}},
                        "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                        "Catch": [{"ErrorEquals": ["States.ItemReaderFailed"], "Next": "Caught"}]},
                  "Caught": {"Type": "Pass", "End": true}}}""", "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status());
        assertEquals(json("""
                {"Error": "States.ItemReaderFailed", "Cause": "Attempting to map over non-iterable node."}"""),
                result.output());
        // a literal -1 is a validation error; from data it fails the read
        ExecutionResult negative = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:jsonl", "ReaderConfig": {"InputType": "JSONL",
                                 "MaxItemsPath": "$.max"}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""",
                "{\"max\": -1}");
        assertEquals("States.ItemReaderFailed", negative.error());
    }

    private static final ExecutionLimits SMALL_PAYLOADS = new ExecutionLimits(ExecutionLimits.Mode.DEFAULT, 100_000,
            null, null);

    private ExecutionResult runWithSmallPayloads(String definition) throws Exception {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> deploy(definition, SMALL_PAYLOADS)
                .start(Json.parse("{}"), null, Map.of(), List.of()).get(20, TimeUnit.SECONDS));
    }

    /** A 10 KB header and 2 KB of short rows expand into rows of 1,000 fields each, far beyond the reply's size. */
    @Test
    void csvRowsFilledOutPastThePayloadCapFailTheMapWithDataLimitExceeded() throws Exception {
        ExecutionResult result = runWithSmallPayloads("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:wide-csv", "ReaderConfig": {"InputType": "CSV"}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 1, "End": true}}}}}}""");
        assertEquals(ExecutionStatus.FAILED, result.status(), () -> "output: " + result.output());
        assertEquals("States.DataLimitExceeded", result.error(), result::cause);
        assertTrue(result.cause().contains("The ItemReader read more than 100000 bytes of items"), result::cause);
    }

    @Test
    void aListingThatNeverEndsFailsTheMapWhenItsItemsAndTokensPassThePayloadCap() throws Exception {
        ExecutionResult result = runWithSmallPayloads("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "endless"}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""");
        assertEquals("States.DataLimitExceeded", result.error(), result::cause);
        assertTrue(result.cause().contains("with the listing's continuation tokens"), result::cause);
        assertTrue(pages.get() < 2000, "pages read: " + pages.get());
    }

    @Test
    void aListingThatRepeatsItsContinuationTokenFailsWithItemReaderFailed() throws Exception {
        ExecutionResult result = runWithSmallPayloads("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "stuck"}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""");
        assertEquals("States.ItemReaderFailed", result.error(), result::cause);
        assertTrue(result.cause().contains("NextContinuationToken 'again' a second time (after 2 pages)"),
                result::cause);
    }

    @Test
    void theMapsRetryCoversAFailedRead() throws Exception {
        ExecutionResult result = run("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:flaky", "ReaderConfig": {"InputType": "JSON"}},
                  "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}""", "{}");
        assertEquals(json("[\"a\", \"b\"]"), result.output());
        assertEquals(2, flakyReads.get());
    }

    @Test
    void whatCannotBeReadIsRefusedAtDeploymentNamingTheField() {
        AslValidationException unknown = assertThrows(AslValidationException.class, () -> deploy("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "arn:aws:states:::dynamodb:scan"},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"""));
        assertTrue(unknown.getMessage().contains("/States/M/ItemReader/Resource"), unknown.getMessage());
        AslValidationException manifest = assertThrows(AslValidationException.class, () -> deploy("""
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
                  "ItemReader": {"Resource": "direct:csv", "ReaderConfig": {"InputType": "MANIFEST"}},
                  "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b"}},
                  "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"""));
        assertTrue(manifest.getMessage().contains("/States/M/ItemReader/ReaderConfig/InputType"), manifest.getMessage());
        assertTrue(manifest.getMessage().contains("/States/M/ResultWriter"), manifest.getMessage());
    }
}
