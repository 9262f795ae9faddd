package io.github.camelasl.examples.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an S3 event notification (the JSON S3 sends to SQS) into execution inputs, one per created object:
 * {@code {"bucket", "key", "size", "topicArn", "outputPrefix"}}. Keys arrive URL-encoded (a space as '+') and are
 * decoded; S3's {@code s3:TestEvent}, other event types and objects under the output prefix (the pipeline's own
 * reports, if the notification covers them) are skipped.
 */
final class S3Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3Events() {
    }

    static List<String> executionInputs(String message, String topicArn, String outputPrefix) throws Exception {
        List<String> inputs = new ArrayList<>();
        for (JsonNode record : JSON.readTree(message).path("Records")) {
            if (!record.path("eventName").asText().startsWith("ObjectCreated:")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            String key = URLDecoder.decode(s3.path("object").path("key").asText(), StandardCharsets.UTF_8);
            if (key.isEmpty() || key.startsWith(outputPrefix)) {
                continue;
            }
            ObjectNode input = JSON.createObjectNode();
            input.put("bucket", s3.path("bucket").path("name").asText());
            input.put("key", key);
            input.put("size", s3.path("object").path("size").asLong());
            input.put("topicArn", topicArn);
            input.put("outputPrefix", outputPrefix);
            inputs.add(JSON.writeValueAsString(input));
        }
        return inputs;
    }
}
