package io.github.camelasl.aws.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The AWS JSON protocol as the stand-in speaks it, seen from a plain HTTP client. */
class JsonProtocolStandInTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersByTargetAndRecordsTheRequests() throws Exception {
        try (JsonProtocolStandIn kms = new JsonProtocolStandIn("1.1")) {
            kms.answer("TrentService.ListKeys", "{\"Keys\": []}");
            kms.on("TrentService.DescribeKey", request -> JsonProtocolStandIn.ok(
                    "{\"KeyMetadata\": {\"KeyId\": \"" + request.body().path("KeyId").asText() + "\"}}"));

            HttpResponse<String> list = post(kms, "TrentService.ListKeys", "{}");
            assertEquals(200, list.statusCode());
            assertEquals("{\"Keys\":[]}", list.body());
            assertEquals("application/x-amz-json-1.1", list.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("REQ1", list.headers().firstValue("x-amzn-RequestId").orElseThrow());

            assertEquals("{\"KeyMetadata\":{\"KeyId\":\"k1\"}}",
                    post(kms, "TrentService.DescribeKey", "{\"KeyId\": \"k1\"}").body());
            assertEquals("DescribeKey", kms.requests().get(1).operation());
            assertEquals("k1", kms.requests().get(1).body().path("KeyId").asText());
        }
    }

    @Test
    void answersWhatItDoesNotKnowWithAnAwsError() throws Exception {
        try (JsonProtocolStandIn dynamo = new JsonProtocolStandIn("1.0")) {
            dynamo.on("DynamoDB_20120810.GetItem", request -> JsonProtocolStandIn.error(400,
                    "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", "Requested resource not found"));
            HttpResponse<String> missing = post(dynamo, "DynamoDB_20120810.GetItem", "{}");
            assertEquals(400, missing.statusCode());
            assertEquals("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\","
                    + "\"message\":\"Requested resource not found\"}", missing.body());

            HttpResponse<String> unknown = post(dynamo, "DynamoDB_20120810.Scan", "{}");
            assertEquals(400, unknown.statusCode());
            assertEquals("{\"__type\":\"UnknownOperationException\",\"message\":\"the stand-in has no answer for "
                    + "DynamoDB_20120810.Scan\"}", unknown.body());
            assertEquals(400, post(dynamo, "DynamoDB_20120810.GetItem", "not json").statusCode());
        }
        assertThrows(IllegalArgumentException.class, () -> new JsonProtocolStandIn("2.0"));
    }

    private HttpResponse<String> post(JsonProtocolStandIn standIn, String target, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(standIn.endpoint()).header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
