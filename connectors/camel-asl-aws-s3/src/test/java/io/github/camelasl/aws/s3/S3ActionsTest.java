package io.github.camelasl.aws.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** The six S3 actions, run through the asl: endpoint against S3Mock and checked with the SDK. */
class S3ActionsTest {

    static final String BUCKET = "data";

    @RegisterExtension
    static final S3MockExtension S3 = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets(BUCKET).build();

    private static final AtomicInteger MACHINES = new AtomicInteger();

    private static S3Client s3;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        s3 = S3.createS3ClientV2();
        camel = new DefaultCamelContext();
        S3Configuration config = camel.getComponent("asl-aws-s3", S3Component.class).getConfiguration();
        config.setRegion("us-east-1");
        config.setUriEndpointOverride(endpoint());
        config.setAccessKey("test");
        config.setSecretKey("test");
        camel.start();
        template = camel.createProducerTemplate();
    }

    static String endpoint() {
        return "http://127.0.0.1:" + S3.getHttpPort();
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

    @Test
    void putObjectStoresTheBodyAndAnswersWithTheETag() {
        JsonNode output = run("""
                {"StartAt": "Put", "States": {"Put": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject",
                  "Parameters": {"Bucket": "data", "Key.$": "$.key", "Body.$": "$.report",
                                 "ContentType": "application/json", "Metadata": {"run.$": "$.run"}},
                  "End": true}}}""",
                "{\"key\": \"reports/1.json\", \"run\": \"r-7\", \"report\": {\"loss\": 0.25, \"ok\": true}}");

        // a JSON Body is stored as its JSON text
        assertEquals("{\"loss\":0.25,\"ok\":true}", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("reports/1.json"))
                .asUtf8String());
        HeadObjectResponse head = s3.headObject(b -> b.bucket(BUCKET).key("reports/1.json"));
        assertEquals("application/json", head.contentType());
        assertEquals(Map.of("run", "r-7"), head.metadata());
        assertEquals(head.eTag(), output.path("ETag").asText(), output.toString());
        assertFalse(output.has("Body"), output.toString());
    }

    @Test
    void putObjectWritesAStringBodyAsItsJsonTextAsAwsDoes() {
        // the corpus' recorded ETag and CRC32 of Body "text data" are those of "\"text data\""
        run("""
                {"StartAt": "Put", "States": {"Put": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject",
                  "Parameters": {"Bucket": "data", "Key": "text.txt", "Body": "text data"},
                  "End": true}}}""", "{}");
        assertEquals("\"text data\"", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("text.txt")).asUtf8String());
    }

    @Test
    void getObjectReturnsTheContentAsTextWithItsMetadata() {
        s3.putObject(b -> b.bucket(BUCKET).key("in/hello.txt").contentType("text/plain").metadata(Map.of("a", "1")),
                RequestBody.fromString("héllo wörld", StandardCharsets.UTF_8));
        JsonNode output = run("""
                {"StartAt": "Get", "States": {"Get": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                  "Parameters": {"Bucket.$": "$.bucket", "Key": "in/hello.txt"},
                  "End": true}}}""", "{\"bucket\": \"data\"}");

        assertEquals("héllo wörld", output.path("Body").asText(), output.toString());
        assertEquals("héllo wörld".getBytes(StandardCharsets.UTF_8).length, output.path("ContentLength").asLong());
        assertTrue(output.path("ContentType").asText().startsWith("text/plain"), output.toString());
        assertTrue(output.path("ETag").asText().matches("\"[0-9a-f]{32}\""), output.toString());
        assertTrue(output.path("LastModified").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z"),
                output.toString());
        assertEquals("1", output.path("Metadata").path("a").asText(), output.toString());
        // the download checksums the SDK asks for itself are not in the result, as on AWS
        assertFalse(output.has("ChecksumCRC32"), output.toString());
    }

    @Test
    void headObjectDescribesWithoutBody() {
        s3.putObject(b -> b.bucket(BUCKET).key("head/x.bin"), RequestBody.fromString("12345"));
        JsonNode output = run("""
                {"StartAt": "Head", "States": {"Head": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:headObject",
                  "Parameters": {"Bucket": "data", "Key": "head/x.bin"},
                  "ResultSelector": {"size.$": "$.ContentLength", "etag.$": "$.ETag"},
                  "End": true}}}""", "{}");
        assertEquals(5, output.path("size").asInt(), output.toString());
        assertEquals("\"827ccb0eea8a706c4c34a16891f84e7b\"", output.path("etag").asText());
    }

    @Test
    void listObjectsV2PagesWithMaxKeysAndContinuationToken() {
        for (String key : new String[] {"list/a", "list/b", "list/c"}) {
            s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromString(key));
        }
        JsonNode first = run("""
                {"StartAt": "List", "States": {"List": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                  "Parameters": {"Bucket": "data", "Prefix": "list/", "MaxKeys": 2},
                  "End": true}}}""", "{}");
        assertEquals("data", first.path("Name").asText(), first.toString());
        assertEquals("list/", first.path("Prefix").asText());
        assertEquals(2, first.path("MaxKeys").asInt());
        assertEquals(2, first.path("KeyCount").asInt());
        assertTrue(first.path("IsTruncated").asBoolean(), first.toString());
        assertEquals("list/a", first.path("Contents").path(0).path("Key").asText(), first.toString());
        assertEquals(6, first.path("Contents").path(0).path("Size").asInt(), first.toString());
        assertTrue(first.path("Contents").path(0).path("ETag").isTextual(), first.toString());
        assertTrue(first.path("Contents").path(0).path("LastModified").isTextual(), first.toString());

        JsonNode next = run("""
                {"StartAt": "List", "States": {"List": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                  "Parameters": {"Bucket": "data", "Prefix": "list/", "ContinuationToken.$": "$.NextContinuationToken"},
                  "End": true}}}""", Json.write(first));
        assertEquals(1, next.path("Contents").size(), next.toString());
        assertEquals("list/c", next.path("Contents").path(0).path("Key").asText());
        assertFalse(next.path("IsTruncated").asBoolean(), next.toString());
    }

    @Test
    void listObjectsV2OfNothingLeavesContentsOut() {
        JsonNode output = run("""
                {"StartAt": "List", "States": {"List": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                  "Parameters": {"Bucket": "data", "Prefix": "nothing-here/"},
                  "End": true}}}""", "{}");
        assertEquals(0, output.path("KeyCount").asInt(), output.toString());
        assertFalse(output.has("Contents"), output.toString());
    }

    @Test
    void copyObjectThenDeleteObject() {
        s3.putObject(b -> b.bucket(BUCKET).key("copy/src.txt"), RequestBody.fromString("payload"));
        JsonNode output = run("""
                {"StartAt": "Copy", "States": {
                  "Copy": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:copyObject",
                           "Parameters": {"Bucket": "data", "Key": "copy/dst.txt", "CopySource": "data/copy/src.txt"},
                           "ResultPath": "$.copied", "Next": "Delete"},
                  "Delete": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:deleteObject",
                             "Parameters": {"Bucket": "data", "Key": "copy/src.txt"},
                             "ResultPath": "$.deleted", "End": true}}}""", "{}");

        assertEquals("payload", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("copy/dst.txt")).asUtf8String());
        assertThrows(NoSuchKeyException.class, () -> s3.headObject(b -> b.bucket(BUCKET).key("copy/src.txt")));
        assertTrue(output.path("copied").path("CopyObjectResult").path("ETag").isTextual(), output.toString());
        assertTrue(output.path("copied").path("CopyObjectResult").path("LastModified").isTextual(), output.toString());
        assertTrue(output.path("deleted").isObject(), output.toString());
    }

    @Test
    void aMissingKeyIsCaughtAsS3NoSuchKeyException() {
        JsonNode output = run("""
                {"StartAt": "Get", "States": {
                  "Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                          "Parameters": {"Bucket": "data", "Key": "no/such/key"},
                          "Catch": [{"ErrorEquals": ["S3.NoSuchKeyException"], "ResultPath": "$.error",
                                     "Next": "Missing"}],
                          "Next": "Found"},
                  "Missing": {"Type": "Pass", "Result": "missing", "ResultPath": "$.outcome", "End": true},
                  "Found": {"Type": "Pass", "Result": "found", "ResultPath": "$.outcome", "End": true}}}""", "{}");

        assertEquals("missing", output.path("outcome").asText(), output.toString());
        assertEquals("S3.NoSuchKeyException", output.path("error").path("Error").asText());
        String cause = output.path("error").path("Cause").asText();
        assertTrue(cause.startsWith("The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ")
                || cause.contains("(Service: S3, Status Code: 404"), cause);
        assertFalse(cause.contains("SDK Attempt Count"), cause);
    }

    @Test
    void aMissingBucketFailsWithS3NoSuchBucketException() {
        AslError error = failure("""
                {"StartAt": "List", "States": {"List": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                  "Parameters": {"Bucket": "no-such-bucket"}, "End": true}}}""", "{}");
        assertEquals("S3.NoSuchBucketException", error.error());
        assertTrue(error.cause().contains("(Service: S3, Status Code: 404, Request ID: "), error.cause());
    }

    @Test
    void aMissingKeyUncaughtFailsTheExecution() {
        AslError error = failure("""
                {"StartAt": "Get", "States": {"Get": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                  "Parameters": {"Bucket": "data", "Key": "absent"}, "End": true}}}""", "{}");
        assertEquals("S3.NoSuchKeyException", error.error());
    }

    @Test
    void anUnknownParameterFailsNamingIt() {
        AslError error = failure("""
                {"StartAt": "Get", "States": {"Get": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                  "Parameters": {"Bucket": "data", "Key": "x", "Kee": "x"}, "End": true}}}""", "{}");
        assertEquals("States.TaskFailed", error.error());
        assertTrue(error.cause().contains("'Kee'"), error.cause());
    }

    @Test
    void anUnsupportedActionIsRefusedAtValidationNamingTheState() {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, """
                {"StartAt": "Tag", "States": {"Tag": {
                  "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putBucketTagging",
                  "Parameters": {"Bucket": "data"}, "End": true}}}""");
        Exception thrown = assertThrows(Exception.class, () -> camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:" + name).to("asl:" + name + "?definition=ref:" + name);
            }
        }));
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof AslValidationException)) {
            cause = cause.getCause();
        }
        assertInstanceOf(AslValidationException.class, cause, thrown.toString());
        assertTrue(cause.getMessage().contains("Tag"), cause.getMessage());
        assertTrue(cause.getMessage().contains("aws-sdk:s3:putBucketTagging"), cause.getMessage());
    }

    @Test
    void anS3ClientInTheRegistryIsUsedAndLeftOpen() throws Exception {
        try (S3Client client = S3.createS3ClientV2(); CamelContext own = new DefaultCamelContext()) {
            own.getRegistry().bind("s3", client);
            own.getRegistry().bind("machine", """
                    {"StartAt": "Put", "States": {"Put": {
                      "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject",
                      "Parameters": {"Bucket": "data", "Key": "registry.txt", "Body": {"via": "registry"}},
                      "End": true}}}""");
            own.start();
            own.createProducerTemplate().requestBody("asl:machine?definition=ref:machine", "{}", String.class);
            own.stop();
            // the application owns the client: stopping Camel must not have closed it
            assertEquals("{\"via\":\"registry\"}", client.getObjectAsBytes(b -> b.bucket(BUCKET).key("registry.txt"))
                    .asUtf8String());
        }
    }

    static JsonNode run(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        try {
            return Json.parse(template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        } catch (Exception e) {
            throw new AssertionError("the execution failed: " + e, e);
        }
    }

    static AslError failure(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        return assertInstanceOf(AslError.class, thrown.getCause());
    }
}
