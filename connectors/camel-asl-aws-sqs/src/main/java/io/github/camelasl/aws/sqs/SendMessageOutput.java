package io.github.camelasl.aws.sqs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.SdkMetadata;
import io.github.camelasl.dataflow.Json;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** SendMessage's response as a Task's result: AWS's field names (absent fields left out) and the SDK metadata. */
final class SendMessageOutput {

    private SendMessageOutput() {
    }

    static ObjectNode toJson(SendMessageResponse response) {
        ObjectNode result = Json.NODES.objectNode();
        putIfSet(result, "MD5OfMessageAttributes", response.md5OfMessageAttributes());
        putIfSet(result, "MD5OfMessageBody", response.md5OfMessageBody());
        putIfSet(result, "MD5OfMessageSystemAttributes", response.md5OfMessageSystemAttributes());
        putIfSet(result, "MessageId", response.messageId());
        putIfSet(result, "SequenceNumber", response.sequenceNumber());
        SdkMetadata.append(result, response);
        return result;
    }

    private static void putIfSet(ObjectNode result, String name, String value) {
        if (value != null) {
            result.put(name, value);
        }
    }
}
