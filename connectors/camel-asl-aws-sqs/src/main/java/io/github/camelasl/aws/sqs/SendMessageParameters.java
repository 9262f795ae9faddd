package io.github.camelasl.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * A Task's effective input as SendMessage's request, field for field as Step Functions maps it: MessageBody may be
 * any JSON (a non-string is sent as its JSON text), BinaryValue is base64.
 */
final class SendMessageParameters {

    static final Set<String> FIELDS = Set.of("QueueUrl", "MessageBody", "DelaySeconds", "MessageAttributes",
            "MessageSystemAttributes", "MessageDeduplicationId", "MessageGroupId");

    private SendMessageParameters() {
    }

    static SendMessageRequest toRequest(JsonNode input) {
        if (!input.isObject()) {
            throw new IllegalArgumentException("sqs:sendMessage needs an object of SendMessage parameters, not "
                    + Json.write(input));
        }
        input.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("sqs:sendMessage does not take the parameter '" + name
                        + "'; it takes " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
        SendMessageRequest.Builder request = SendMessageRequest.builder()
                .queueUrl(required(input, "QueueUrl", false))
                .messageBody(required(input, "MessageBody", true))
                .messageGroupId(text(input, "MessageGroupId"))
                .messageDeduplicationId(text(input, "MessageDeduplicationId"));
        JsonNode delay = input.get("DelaySeconds");
        if (delay != null && !delay.isNull()) {
            request.delaySeconds(integer(delay, "DelaySeconds"));
        }
        JsonNode attributes = input.get("MessageAttributes");
        if (attributes != null && !attributes.isNull()) {
            request.messageAttributes(map(attributes, "MessageAttributes", SendMessageParameters::attribute));
        }
        JsonNode system = input.get("MessageSystemAttributes");
        if (system != null && !system.isNull()) {
            request.messageSystemAttributesWithStrings(map(system, "MessageSystemAttributes",
                    SendMessageParameters::systemAttribute));
        }
        return request.build();
    }

    /** A required field; SQS's own answer when it is missing, checked here so every SQS back end answers alike. */
    private static String required(JsonNode input, String name, boolean anyJson) {
        JsonNode value = input.get(name);
        if (value == null || value.isNull()) {
            throw SqsErrors.missingParameter(name);
        }
        if (value.isTextual()) {
            return value.asText();
        }
        if (anyJson) {
            return Json.write(value);
        }
        throw new IllegalArgumentException("sqs:sendMessage parameter '" + name + "' must be a string, not "
                + Json.write(value));
    }

    private static MessageAttributeValue attribute(JsonNode value, String at) {
        object(value, at);
        return MessageAttributeValue.builder()
                .dataType(text(value, "DataType"))
                .stringValue(text(value, "StringValue"))
                .binaryValue(binary(value.get("BinaryValue"), at + ".BinaryValue"))
                .stringListValues(list(value.get("StringListValues"), at + ".StringListValues", v -> scalar(v, at)))
                .binaryListValues(list(value.get("BinaryListValues"), at + ".BinaryListValues",
                        v -> binary(v, at + ".BinaryListValues")))
                .build();
    }

    private static MessageSystemAttributeValue systemAttribute(JsonNode value, String at) {
        object(value, at);
        return MessageSystemAttributeValue.builder()
                .dataType(text(value, "DataType"))
                .stringValue(text(value, "StringValue"))
                .binaryValue(binary(value.get("BinaryValue"), at + ".BinaryValue"))
                .build();
    }

    private static <T> Map<String, T> map(JsonNode node, String at, BiFunction<JsonNode, String, T> field) {
        object(node, at);
        Map<String, T> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), field.apply(e.getValue(), at + "." + e.getKey())));
        return map;
    }

    private static <T> List<T> list(JsonNode node, String at, Function<JsonNode, T> element) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("sqs:sendMessage parameter '" + at + "' must be an array");
        }
        List<T> list = new ArrayList<>();
        node.forEach(v -> list.add(element.apply(v)));
        return list;
    }

    private static void object(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("sqs:sendMessage parameter '" + at + "' must be an object, not "
                    + Json.write(node));
        }
    }

    private static String text(JsonNode input, String name) {
        JsonNode value = input.get(name);
        return value == null || value.isNull() ? null : scalar(value, name);
    }

    /** Strings, and numbers and booleans as their text, as Jackson binds them to the SDK's String fields. */
    private static String scalar(JsonNode value, String at) {
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        throw new IllegalArgumentException("sqs:sendMessage parameter '" + at + "' must be a string, not "
                + Json.write(value));
    }

    private static SdkBytes binary(JsonNode value, String at) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sqs:sendMessage parameter '" + at + "' must be base64: "
                    + e.getMessage(), e);
        }
    }

    private static int integer(JsonNode value, String at) {
        if (value.canConvertToExactIntegral() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()) {
            try {
                return Integer.parseInt(value.asText().trim());
            } catch (NumberFormatException e) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("sqs:sendMessage parameter '" + at + "' must be an integer, not "
                + Json.write(value));
    }
}
