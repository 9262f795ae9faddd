package io.github.camelasl.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The SDK integration's JSON shapes of a service's requests and responses, read off the AWS SDK v2 model: a
 * parameter is a member by its AWS name ({@code Bucket}, {@code MaxKeys}, {@code CopySource}, ...), a result holds
 * every member the response has (lists and maps the service did not send left out), timestamps as ISO-8601 text and
 * blobs as base64. Shared by the connectors; {@code what} in messages names the call, e.g. {@code s3:getObject}.
 */
public final class SdkJson {

    private SdkJson() {
    }

    /**
     * Fills {@code builder} (an SDK request builder) from the Task's parameters; {@code extra} names parameters
     * the caller handles itself (a streaming {@code Body}), which are skipped here.
     */
    public static void fill(String what, SdkPojo builder, JsonNode input, Set<String> extra) {
        if (!input.isObject()) {
            throw new IllegalArgumentException(what + " needs an object of parameters, not " + Json.write(input));
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(f -> fields.put(f.memberName(), f));
        // the SDK integration takes S3's own names: v2 renamed a few members (copyObject's Bucket and Key are
        // DestinationBucket and DestinationKey), whose path location keeps S3's name
        builder.sdkFields().stream()
                .filter(f -> f.location() == MarshallLocation.PATH || f.location() == MarshallLocation.GREEDY_PATH)
                .forEach(f -> fields.putIfAbsent(f.locationName(), f));
        input.properties().forEach(e -> {
            String name = e.getKey();
            if (extra.contains(name)) {
                return;
            }
            SdkField<?> field = fields.get(name);
            if (field == null) {
                Set<String> known = new TreeSet<>(fields.keySet());
                // listed by the service's names only
                known.removeIf(n -> !n.equals(fields.get(n).locationName())
                        && fields.get(fields.get(n).locationName()) == fields.get(n));
                known.addAll(extra);
                throw new IllegalArgumentException(what + " does not take the parameter '" + name
                        + "'; it takes " + String.join(", ", known));
            }
            if (!e.getValue().isNull()) {
                field.set(builder, value(what, field, e.getValue(), name));
            }
        });
    }

    private static Object value(String what, SdkField<?> field, JsonNode node, String at) {
        Class<?> type = field.marshallingType().getTargetClass();
        if (type == String.class) {
            if (node.isNumber()) {
                return node.decimalValue().toPlainString();
            }
            if (node.isValueNode()) {
                return node.asText();
            }
            throw bad(what, at, "a string", node);
        }
        if (type == Integer.class || type == Long.class || type == Short.class) {
            long number;
            if (node.isIntegralNumber() || (node.isNumber() && node.canConvertToExactIntegral())) {
                number = node.longValue();
            } else if (node.isTextual() && node.asText().trim().matches("-?\\d+")) {
                number = Long.parseLong(node.asText().trim());
            } else {
                throw bad(what, at, "an integer", node);
            }
            return type == Long.class ? (Object) number : type == Integer.class ? (Object) Math.toIntExact(number)
                    : (Object) (short) number;
        }
        if (type == Boolean.class) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (node.isTextual() && ("true".equalsIgnoreCase(node.asText()) || "false".equalsIgnoreCase(node.asText()))) {
                return Boolean.parseBoolean(node.asText());
            }
            throw bad(what, at, "a boolean", node);
        }
        if (type == Double.class || type == Float.class || type == BigDecimal.class) {
            if (!node.isNumber()) {
                throw bad(what, at, "a number", node);
            }
            return type == Double.class ? (Object) node.doubleValue() : type == Float.class ? (Object) node.floatValue()
                    : node.decimalValue();
        }
        if (type == Instant.class) {
            if (node.isNumber()) {
                return Instant.ofEpochMilli(node.decimalValue().movePointRight(3).longValue());
            }
            try {
                return OffsetDateTime.parse(node.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw bad(what, at, "an ISO-8601 timestamp", node);
            }
        }
        if (type == SdkBytes.class) {
            try {
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(node.asText()));
            } catch (IllegalArgumentException e) {
                throw bad(what, at, "base64", node);
            }
        }
        if (type == List.class) {
            if (!node.isArray()) {
                throw bad(what, at, "an array", node);
            }
            SdkField<?> member = field.getRequiredTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            int i = 0;
            for (JsonNode element : node) {
                list.add(value(what, member, element, at + "[" + i++ + "]"));
            }
            return list;
        }
        if (type == Map.class) {
            if (!node.isObject()) {
                throw bad(what, at, "an object", node);
            }
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), value(what, member, e.getValue(), at + "." + e.getKey())));
            return map;
        }
        if (type == SdkPojo.class) {
            if (!node.isObject()) {
                throw bad(what, at, "an object", node);
            }
            Supplier<SdkPojo> constructor = field.constructor();
            SdkPojo nested = constructor.get();
            Map<String, SdkField<?>> fields = new LinkedHashMap<>();
            nested.sdkFields().forEach(f -> fields.put(f.memberName(), f));
            node.properties().forEach(e -> {
                SdkField<?> f = fields.get(e.getKey());
                if (f == null) {
                    throw new IllegalArgumentException(what + " parameter '" + at + "' has no field '"
                            + e.getKey() + "'; it has " + String.join(", ", new TreeSet<>(fields.keySet())));
                }
                if (!e.getValue().isNull()) {
                    f.set(nested, value(what, f, e.getValue(), at + "." + e.getKey()));
                }
            });
            return ((SdkBuilder<?, ?>) nested).build();
        }
        throw new IllegalArgumentException(what + " parameter '" + at + "' cannot be set from a Task");
    }

    private static IllegalArgumentException bad(String what, String at, String expected, JsonNode node) {
        return new IllegalArgumentException(what + " parameter '" + at + "' must be " + expected + ", not "
                + Json.write(node));
    }

    /** A response (or a member of one) as the SDK integration returns it. */
    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode result = Json.NODES.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            JsonNode value = json(field.getValueOrDefault(pojo));
            if (value != null) {
                result.set(field.memberName(), value);
            }
        }
        return result;
    }

    private static JsonNode json(Object value) {
        if (value == null || value instanceof SdkAutoConstructList<?> || value instanceof SdkAutoConstructMap<?, ?>) {
            return null;
        }
        if (value instanceof String s) {
            return Json.NODES.textNode(s);
        }
        if (value instanceof Integer i) {
            return Json.NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return Json.NODES.numberNode(l);
        }
        if (value instanceof Short s) {
            return Json.NODES.numberNode(s);
        }
        if (value instanceof Double d) {
            return Json.NODES.numberNode(d);
        }
        if (value instanceof Float f) {
            return Json.NODES.numberNode(f);
        }
        if (value instanceof BigDecimal d) {
            return Json.NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return Json.NODES.booleanNode(b);
        }
        if (value instanceof Instant t) {
            return Json.NODES.textNode(t.toString());
        }
        if (value instanceof SdkBytes bytes) {
            return Json.NODES.textNode(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        }
        if (value instanceof List<?> list) {
            ArrayNode array = Json.NODES.arrayNode();
            list.forEach(element -> {
                JsonNode json = json(element);
                array.add(json == null ? Json.NODES.nullNode() : json);
            });
            return array;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = Json.NODES.objectNode();
            map.forEach((k, v) -> {
                JsonNode json = json(v);
                if (json != null) {
                    object.set(String.valueOf(k), json);
                }
            });
            return object;
        }
        if (value instanceof SdkPojo pojo) {
            return toJson(pojo);
        }
        return null;
    }
}
