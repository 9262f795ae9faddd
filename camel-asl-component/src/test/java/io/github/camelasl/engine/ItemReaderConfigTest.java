package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.AslValidationException;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.resource.ResourceResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * ReaderConfig's ItemsPointer and Transformation LOAD_AND_FLATTEN, on S3 ARNs mapped onto local routes (the S3
 * connector's test reads the same from S3Mock).
 */
class ItemReaderConfigTest extends EngineTestSupport {

    private static final Map<String, String> OBJECTS = Map.of(
            "doc.json", "{\"meta\": {\"n\": 2}, \"data\": {\"rows\": [{\"id\": 1}, {\"id\": 2}]}}",
            "in/a.jsonl", "{\"id\": 1}\n{\"id\": 2}\n",
            "in/b.jsonl", "{\"id\": 3}\n");

    private final List<String> reads = new CopyOnWriteArrayList<>();

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.getRegistry().bind("s3-on-routes", (ResourceResolver) (resource, ctx) -> switch (resource) {
            case "arn:aws:states:::s3:getObject" -> Optional.of("direct:get-object");
            case "arn:aws:states:::s3:listObjectsV2" -> Optional.of("direct:list-objects");
            default -> Optional.empty();
        });
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get-object").process(e -> {
                    JsonNode request = Json.parse(e.getMessage().getBody(String.class));
                    reads.add(request.path("Key").asText());
                    String text = OBJECTS.get(request.path("Key").asText());
                    if (text == null) {
                        throw new AslError("S3.NoSuchKeyException", "The specified key does not exist.");
                    }
                    e.getMessage().setBody(Json.write(Json.NODES.objectNode().put("Body", text)));
                });
                // two pages: a.jsonl and a "folder" marker, then b.jsonl
                from("direct:list-objects").process(e -> {
                    String request = e.getMessage().getBody(String.class);
                    e.getMessage().setBody(request.contains("ContinuationToken")
                            ? "{\"IsTruncated\": false, \"Contents\": [{\"Key\": \"in/b.jsonl\", \"Size\": 10}]}"
                            : "{\"IsTruncated\": true, \"NextContinuationToken\": \"p2\", \"Contents\": ["
                                    + "{\"Key\": \"in/\", \"Size\": 0}, {\"Key\": \"in/a.jsonl\", \"Size\": 20}]}");
                });
            }
        });
    }

    private static String reader(String reader) {
        return """
                {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemReader": %s,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                    "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}}}"""
                .formatted(reader);
    }

    @Test
    void itemsPointerFindsTheArrayInsideTheDocument() throws Exception {
        ExecutionResult result = run(reader("""
                {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "doc.json"},
                 "ReaderConfig": {"InputType": "JSON", "ItemsPointer": "/data/rows"}}"""), "{}");
        assertEquals(json("[{\"id\": 1}, {\"id\": 2}]"), result.output());
    }

    @Test
    void anItemsPointerToAnObjectOrToNothingFailsTheRead() throws Exception {
        ExecutionResult object = run(reader("""
                {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "doc.json"},
                 "ReaderConfig": {"InputType": "JSON", "ItemsPointer": "/meta"}}"""), "{}");
        assertEquals("States.ItemReaderFailed", object.error());
        assertEquals("Attempting to map over non-iterable node.", object.cause());
        ExecutionResult nothing = run(reader("""
                {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "doc.json"},
                 "ReaderConfig": {"InputType": "JSON", "ItemsPointer": "/data/absent"}}"""), "{}");
        assertEquals("States.ItemReaderFailed", nothing.error());
        assertTrue(nothing.cause().contains("'/data/absent' points at nothing"), nothing::cause);
    }

    @Test
    void loadAndFlattenReadsEveryListedObjectsItems() throws Exception {
        ExecutionResult result = run(reader("""
                {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b", "Prefix": "in/"},
                 "ReaderConfig": {"InputType": "JSONL", "Transformation": "LOAD_AND_FLATTEN"}}"""), "{}");
        assertEquals(json("[{\"id\": 1}, {\"id\": 2}, {\"id\": 3}]"), result.output());
        assertEquals(List.of("in/a.jsonl", "in/b.jsonl"), reads, "the folder marker is not read");
    }

    @Test
    void loadAndFlattenStopsReadingAtMaxItems() throws Exception {
        ExecutionResult result = run(reader("""
                {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"},
                 "ReaderConfig": {"InputType": "JSONL", "Transformation": "LOAD_AND_FLATTEN", "MaxItems": 2}}"""),
                "{}");
        assertEquals(json("[{\"id\": 1}, {\"id\": 2}]"), result.output());
        assertEquals(List.of("in/a.jsonl"), reads);
    }

    @Test
    void validationChecksItemsPointerAndTransformation() {
        AslValidationException pointer = assertThrows(AslValidationException.class, () -> deploy(reader("""
                {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"},
                 "ReaderConfig": {"InputType": "JSON", "ItemsPointer": "data/rows"}}""")));
        assertTrue(pointer.getMessage().contains("/States/M/ItemReader/ReaderConfig/ItemsPointer"),
                pointer::getMessage);
        AslValidationException flatten = assertThrows(AslValidationException.class, () -> deploy(reader("""
                {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket": "b", "Key": "k"},
                 "ReaderConfig": {"InputType": "JSON", "Transformation": "LOAD_AND_FLATTEN"}}""")));
        assertTrue(flatten.getMessage().contains("LOAD_AND_FLATTEN reads the objects of an"), flatten::getMessage);
        AslValidationException unknown = assertThrows(AslValidationException.class, () -> deploy(reader("""
                {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b"},
                 "ReaderConfig": {"InputType": "JSON", "Transformation": "UNZIP"}}""")));
        assertTrue(unknown.getMessage().contains("Transformation"), unknown::getMessage);
    }
}
