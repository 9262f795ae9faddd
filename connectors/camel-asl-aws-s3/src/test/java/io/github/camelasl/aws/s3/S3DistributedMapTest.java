package io.github.camelasl.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A Distributed Map reading from and writing to S3Mock through the connector: ResultWriter's files and manifest for
 * each Transformation and OutputType, FAILED files under a tolerance, ItemsPointer and LOAD_AND_FLATTEN.
 */
class S3DistributedMapTest {

    static final String BUCKET = "maps";

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(BUCKET).build();

    private static S3Client s3;
    private static CamelContext camel;
    private static ProducerTemplate template;
    private static int machines;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3.createS3ClientV2();
        camel = new DefaultCamelContext();
        S3Configuration config = camel.getComponent("asl-aws-s3", S3Component.class).getConfiguration();
        config.setRegion("us-east-1");
        config.setUriEndpointOverride("http://127.0.0.1:" + S3.getHttpPort());
        config.setAccessKey("test");
        config.setSecretKey("test");
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    private static Object call(String definition, String input) {
        String name = "distributed" + (++machines);
        camel.getRegistry().bind(name, definition);
        try {
            return Json.parse(template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        } catch (org.apache.camel.CamelExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode run(String definition, String input) {
        Object outcome = call(definition, input);
        if (outcome instanceof Throwable failed) {
            throw new AssertionError("the execution failed: " + failed, failed);
        }
        return (JsonNode) outcome;
    }

    private static String text(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asUtf8String();
    }

    private static String map(String itemsAndWriter, String processor) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, %s
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                    "StartAt": "P", "States": %s}}}}""".formatted(itemsAndWriter, processor);
    }

    /** Each item becomes [item, item]: FLATTEN spreads the pairs out. */
    private static final String PAIRS = """
            {"P": {"Type": "Pass", "Parameters": {"pair.$": "States.Array($, $)"}, "OutputPath": "$.pair",
                   "End": true}}""";

    @ParameterizedTest
    @CsvSource({"NONE,JSON", "NONE,JSONL", "COMPACT,JSON", "COMPACT,JSONL", "FLATTEN,JSON", "FLATTEN,JSONL"})
    void resultFilesAndTheManifestForEachTransformationAndOutputType(String transformation, String outputType)
            throws Exception {
        String prefix = "out-" + transformation + "-" + outputType;
        JsonNode output = run(map("""
                "ItemsPath": "$.items",
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                 "Parameters": {"Bucket": "maps", "Prefix": "%s"},
                                 "WriterConfig": {"Transformation": "%s", "OutputType": "%s"}},"""
                .formatted(prefix, transformation, outputType), PAIRS), "{\"items\": [1, 2]}");
        String mapRunArn = output.path("MapRunArn").asText();
        String uuid = mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1);
        assertEquals(prefix + "/" + uuid + "/manifest.json", output.path("ResultWriterDetails").path("Key").asText());
        assertEquals(BUCKET, output.path("ResultWriterDetails").path("Bucket").asText());

        JsonNode manifest = Json.parse(text(prefix + "/" + uuid + "/manifest.json"));
        assertEquals(BUCKET, manifest.path("DestinationBucket").asText());
        assertEquals(mapRunArn, manifest.path("MapRunArn").asText());
        assertEquals(0, manifest.path("ResultFiles").path("FAILED").size());
        assertEquals(0, manifest.path("ResultFiles").path("PENDING").size());
        JsonNode file = manifest.path("ResultFiles").path("SUCCEEDED").get(0);
        String key = prefix + "/" + uuid + "/SUCCEEDED_0." + outputType.toLowerCase();
        assertEquals(key, file.path("Key").asText());
        String content = text(key);
        assertEquals(content.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, file.path("Size").asInt());

        List<JsonNode> results = new ArrayList<>();
        if (outputType.equals("JSONL")) {
            for (String line : content.split("\n")) {
                results.add(Json.parse(line));
            }
        } else {
            Json.parse(content).forEach(results::add);
        }
        switch (transformation) {
            case "NONE" -> {
                assertEquals(2, results.size());
                assertEquals("[1,1]", results.get(0).path("Output").asText());
                assertEquals("SUCCEEDED", results.get(1).path("Status").asText());
                assertEquals("2", results.get(1).path("Input").asText());
            }
            case "COMPACT" -> assertEquals(List.of(Json.parse("[1,1]"), Json.parse("[2,2]")), results);
            default -> assertEquals(List.of(Json.parse("1"), Json.parse("1"), Json.parse("2"), Json.parse("2")),
                    results);
        }
    }

    @Test
    void failuresWithinTheToleranceGoToTheFailedFile() throws Exception {
        JsonNode output = run(map("""
                "ItemsPath": "$.items", "ToleratedFailurePercentage": 50,
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "maps",
                                 "Prefix": "tolerated"}},""", """
                {"P": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 2, "Next": "Boom"}],
                       "Default": "Ok"},
                 "Ok": {"Type": "Pass", "End": true},
                 "Boom": {"Type": "Fail", "Error": "TooBig", "Cause": "over two"}}"""), "{\"items\": [1, 2, 3, 4]}");
        String uuid = output.path("MapRunArn").asText().substring(output.path("MapRunArn").asText().lastIndexOf(':')
                + 1);
        JsonNode manifest = Json.parse(text("tolerated/" + uuid + "/manifest.json"));
        String failedKey = manifest.path("ResultFiles").path("FAILED").get(0).path("Key").asText();
        assertEquals("tolerated/" + uuid + "/FAILED_0.json", failedKey);
        JsonNode failed = Json.parse(text(failedKey));
        assertEquals(2, failed.size());
        assertEquals("TooBig", failed.get(0).path("Error").asText());
        assertEquals("FAILED", failed.get(1).path("Status").asText());
        assertEquals(2, Json.parse(text("tolerated/" + uuid + "/SUCCEEDED_0.json")).size());
    }

    @Test
    void aWriteToAMissingBucketFailsTheMapWithResultWriterFailed() {
        Object outcome = call(map("""
                "ItemsPath": "$.items",
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "absent"}},""",
                "{\"P\": {\"Type\": \"Pass\", \"End\": true}}"), "{\"items\": [1]}");
        AslError error = (AslError) outcome;
        assertEquals("States.ResultWriterFailed", error.error());
        assertTrue(error.cause().contains("S3.NoSuchBucketException"), error.cause());
    }

    @Test
    void itemsPointerReadsTheArrayInsideAnObject() {
        s3.putObject(b -> b.bucket(BUCKET).key("in/doc.json"), RequestBody.fromString(
                "{\"export\": {\"rows\": [{\"n\": 1}, {\"n\": 2}]}}"));
        JsonNode output = run(map("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                               "Parameters": {"Bucket": "maps", "Key": "in/doc.json"},
                               "ReaderConfig": {"InputType": "JSON", "ItemsPointer": "/export/rows"}},""",
                "{\"P\": {\"Type\": \"Pass\", \"OutputPath\": \"$.n\", \"End\": true}}"), "{}");
        assertEquals(Json.NODES.arrayNode().add(1).add(2), output);
    }

    @Test
    void loadAndFlattenReadsTheItemsOfEveryListedObject() {
        s3.putObject(b -> b.bucket(BUCKET).key("parts/1.csv"), RequestBody.fromString("n\n1\n2\n"));
        s3.putObject(b -> b.bucket(BUCKET).key("parts/2.csv"), RequestBody.fromString("n\n3\n"));
        JsonNode output = run(map("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2",
                               "Parameters": {"Bucket": "maps", "Prefix": "parts/"},
                               "ReaderConfig": {"InputType": "CSV", "Transformation": "LOAD_AND_FLATTEN"}},""",
                "{\"P\": {\"Type\": \"Pass\", \"OutputPath\": \"$.n\", \"End\": true}}"), "{}");
        assertEquals(Json.NODES.arrayNode().add("1").add("2").add("3"), output);
    }

    @Test
    void aFewThousandItemsReadFromS3AreWrittenBackInOneFile() throws Exception {
        String items = IntStream.range(0, 3000).mapToObj(i -> "{\"i\":" + i + "}").collect(Collectors.joining("\n"));
        s3.putObject(b -> b.bucket(BUCKET).key("big/items.jsonl"), RequestBody.fromString(items));
        JsonNode output = run(map("""
                "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                               "Parameters": {"Bucket": "maps", "Key": "big/items.jsonl"},
                               "ReaderConfig": {"InputType": "JSONL"}},
                "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                                 "Parameters": {"Bucket": "maps", "Prefix": "big-out"},
                                 "WriterConfig": {"Transformation": "COMPACT", "OutputType": "JSONL"}},""",
                "{\"P\": {\"Type\": \"Pass\", \"OutputPath\": \"$.i\", \"End\": true}}"), "{}");
        JsonNode manifest = Json.parse(text(output.path("ResultWriterDetails").path("Key").asText()));
        String[] lines = text(manifest.path("ResultFiles").path("SUCCEEDED").get(0).path("Key").asText()).split("\n");
        assertEquals(3000, lines.length);
        assertEquals("2999", lines[2999]);
    }
}
