package io.github.camelasl.aws.sns;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * A Task's effective input as Publish's request, field for field as Step Functions maps it: Message may be any
 * JSON (a non-string is sent as its JSON text), BinaryValue is base64.
 */
final class PublishParameters {

    static final Set<String> FIELDS = Set.of("TopicArn", "TargetArn", "PhoneNumber", "Message", "Subject",
            "MessageStructure", "MessageAttributes", "MessageGroupId", "MessageDeduplicationId");

    private PublishParameters() {
    }

    static PublishRequest toRequest(JsonNode input) {
        if (!input.isObject()) {
            throw new IllegalArgumentException("sns:publish needs an object of Publish parameters, not "
                    + Json.write(input));
        }
        input.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("sns:publish does not take the parameter '" + name
                        + "'; it takes " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
        String topicArn = text(input, "TopicArn");
        String targetArn = text(input, "TargetArn");
        String phoneNumber = text(input, "PhoneNumber");
        // SNS's own answers to a request without them, checked here so every SNS back end answers alike
        if (topicArn == null && targetArn == null && phoneNumber == null) {
            throw SnsErrors.noDestination();
        }
        JsonNode message = input.get("Message");
        if (message == null || message.isNull()) {
            throw SnsErrors.noMessage();
        }
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(topicArn)
                .targetArn(targetArn)
                .phoneNumber(phoneNumber)
                .message(message.isTextual() ? message.asText() : Json.write(message))
                .subject(text(input, "Subject"))
                .messageStructure(text(input, "MessageStructure"))
                .messageGroupId(text(input, "MessageGroupId"))
                .messageDeduplicationId(text(input, "MessageDeduplicationId"));
        JsonNode attributes = input.get("MessageAttributes");
        if (attributes != null && !attributes.isNull()) {
            request.messageAttributes(attributes(attributes));
        }
        return request.build();
    }

    private static Map<String, MessageAttributeValue> attributes(JsonNode node) {
        object(node, "MessageAttributes");
        Map<String, MessageAttributeValue> map = new LinkedHashMap<>();
        node.properties().forEach(e -> {
            String at = "MessageAttributes." + e.getKey();
            JsonNode value = e.getValue();
            object(value, at);
            map.put(e.getKey(), MessageAttributeValue.builder()
                    .dataType(text(value, "DataType"))
                    .stringValue(text(value, "StringValue"))
                    .binaryValue(binary(value.get("BinaryValue"), at + ".BinaryValue"))
                    .build());
        });
        return map;
    }

    private static void object(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("sns:publish parameter '" + at + "' must be an object, not "
                    + Json.write(node));
        }
    }

    /** Strings, and numbers and booleans as their text, as Jackson binds them to the SDK's String fields. */
    private static String text(JsonNode input, String name) {
        JsonNode value = input.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw new IllegalArgumentException("sns:publish parameter '" + name + "' must be a string, not "
                + Json.write(value));
    }

    private static SdkBytes binary(JsonNode value, String at) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sns:publish parameter '" + at + "' must be base64: "
                    + e.getMessage(), e);
        }
    }
}
