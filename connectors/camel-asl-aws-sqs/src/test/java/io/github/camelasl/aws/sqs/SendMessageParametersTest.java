package io.github.camelasl.aws.sqs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** How an effective input becomes SendMessage's request, field by field. */
class SendMessageParametersTest {

    private static SendMessageRequest request(String json) throws Exception {
        return SendMessageParameters.toRequest(Json.parse(json));
    }

    @Test
    void nonStringBodiesAreSentAsJsonTextAndNumbersAsText() throws Exception {
        assertEquals("5", request("{\"QueueUrl\": \"q\", \"MessageBody\": 5}").messageBody());
        assertEquals("[true,null]", request("{\"QueueUrl\": \"q\", \"MessageBody\": [true, null]}").messageBody());
        assertEquals(7, request("{\"QueueUrl\": \"q\", \"MessageBody\": \"b\", \"DelaySeconds\": \"7\"}").delaySeconds());
        assertEquals("42", request("{\"QueueUrl\": \"q\", \"MessageBody\": \"b\", \"MessageGroupId\": 42}")
                .messageGroupId());
    }

    @Test
    void attributesKeepTheirTypesListsAndBinaries() throws Exception {
        MessageAttributeValue list = request("""
                {"QueueUrl": "q", "MessageBody": "b", "MessageAttributes": {
                  "tags": {"DataType": "String.tags", "StringListValues": ["a", "b"]},
                  "raw": {"DataType": "Binary", "BinaryValue": "AQID"}}}""").messageAttributes().get("tags");
        assertEquals("String.tags", list.dataType());
        assertEquals(List.of("a", "b"), list.stringListValues());
        MessageAttributeValue raw = request("""
                {"QueueUrl": "q", "MessageBody": "b", "MessageAttributes": {
                  "raw": {"DataType": "Binary", "BinaryValue": "AQID"}}}""").messageAttributes().get("raw");
        assertArrayEquals(new byte[] {1, 2, 3}, raw.binaryValue().asByteArray());
    }

    @Test
    void badValuesAreNamedWhereTheyAre() {
        IllegalArgumentException delay = assertThrows(IllegalArgumentException.class,
                () -> request("{\"QueueUrl\": \"q\", \"MessageBody\": \"b\", \"DelaySeconds\": 1.5}"));
        assertTrue(delay.getMessage().contains("'DelaySeconds' must be an integer"), delay.getMessage());
        IllegalArgumentException binary = assertThrows(IllegalArgumentException.class, () -> request("""
                {"QueueUrl": "q", "MessageBody": "b", "MessageAttributes": {
                  "raw": {"DataType": "Binary", "BinaryValue": "not base64!"}}}"""));
        assertTrue(binary.getMessage().contains("'MessageAttributes.raw.BinaryValue' must be base64"),
                binary.getMessage());
        IllegalArgumentException queue = assertThrows(IllegalArgumentException.class,
                () -> request("{\"QueueUrl\": {\"url\": \"q\"}, \"MessageBody\": \"b\"}"));
        assertTrue(queue.getMessage().contains("'QueueUrl' must be a string"), queue.getMessage());
    }
}
