package io.github.camelasl.aws.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.aws.SdkMetadata;
import io.github.camelasl.dataflow.Json;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** Publish's response as a Task's result: AWS's field names (absent fields left out) and the SDK metadata. */
final class PublishOutput {

    private PublishOutput() {
    }

    static ObjectNode toJson(PublishResponse response) {
        ObjectNode result = Json.NODES.objectNode();
        if (response.messageId() != null) {
            result.put("MessageId", response.messageId());
        }
        if (response.sequenceNumber() != null) {
            result.put("SequenceNumber", response.sequenceNumber());
        }
        SdkMetadata.append(result, response);
        return result;
    }
}
