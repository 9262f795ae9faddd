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
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The SDK integration's JSON shapes of a service's requests and responses, read off the AWS SDK v2 model, as Step
 * Functions writes them:
 * <ul>
 * <li>a member is named in PascalCase both ways, also for the services whose model is camelCase (Step Functions'
 * {@code StateMachineArn}, Batch's {@code JobName}): {@code capitalize(memberName)}, except the few members v2
 * renamed, which keep the service's name ({@link #RENAMES}: DynamoDB's {@code NULL}, S3 copyObject's
 * {@code Bucket}); a parameter matches its member case-insensitively, then by the member's wire name;</li>
 * <li>a string member given an object or array takes its JSON text (Step Functions serialises it);</li>
 * <li>a result holds every member the response has (lists and maps the service did not send left out),
 * timestamps as ISO-8601 text, blobs as base64 except the few AWS renders as text ({@link #TEXT_BLOBS}).</li>
 * </ul>
 * Shared by the connectors; {@code what} in messages names the call, e.g. {@code s3:getObject}.
 */
public final class SdkJson {

    /**
     * The members AWS names by their wire name where v2 renamed them: v2 member name to the service's name, applied
     * when the member's location name is that name. Reviewed against every operation of the SDK modules the
     * project tests with (SdkMemberNamesTest lists each member whose names differ other than by case).
     */
    static final Map<String, String> RENAMES = Map.of(
            "NUL", "NULL", // DynamoDB AttributeValue: NUL in v2, NULL in DynamoDB's JSON
            "DestinationBucket", "Bucket", // S3 copyObject's target, Bucket on the wire
            "DestinationKey", "Key");

    /**
     * Blob members Step Functions renders as text both ways (a JSON value's text in, UTF-8 text out), by service
     * package, shape and member; other blobs are base64. AWS's Lambda page: aws-sdk:lambda:invoke's Payload is the
     * function's answer as escaped JSON text, where the optimized lambda:invoke parses it.
     */
    static final Set<String> TEXT_BLOBS = Set.of(
            "lambda.InvokeRequest.Payload", "lambda.InvokeResponse.Payload",
            "lambda.InvokeAsyncRequest.InvokeArgs");

    /** The digits a number may have written out (Jackson's own limit on a number's length is 1000 characters). */
    static final int MAX_DIGITS = 1000;

    private static final Pattern INTEGER_TEXT = Pattern.compile("-?\\d{1,40}");
    private static final long MAX_EPOCH_SECONDS = Long.MAX_VALUE / 1000;
    private static final BigDecimal MAX_EPOCH_MILLIS = BigDecimal.valueOf(MAX_EPOCH_SECONDS * 1000);
    private static final BigDecimal MIN_EPOCH_MILLIS = MAX_EPOCH_MILLIS.negate();

    private SdkJson() {
    }

    /** The member's name in Step Functions' SDK integrations: PascalCase, or the service's own where v2 renamed it. */
    public static String awsName(SdkField<?> field) {
        String member = field.memberName();
        String renamed = RENAMES.get(member);
        if (renamed != null && renamed.equals(field.locationName())) {
            return renamed;
        }
        return member.isEmpty() ? member : Character.toUpperCase(member.charAt(0)) + member.substring(1);
    }

    /** The field a parameter names: by AWS's name, then case-insensitively, then by its wire name; null if none. */
    public static SdkField<?> field(List<SdkField<?>> fields, String name) {
        for (SdkField<?> f : fields) {
            if (awsName(f).equals(name)) {
                return f;
            }
        }
        for (SdkField<?> f : fields) {
            if (awsName(f).equalsIgnoreCase(name) || f.memberName().equalsIgnoreCase(name)) {
                return f;
            }
        }
        for (SdkField<?> f : fields) {
            MarshallLocation location = f.location();
            if ((location == MarshallLocation.PAYLOAD || location == MarshallLocation.PATH
                    || location == MarshallLocation.GREEDY_PATH) && name.equalsIgnoreCase(f.locationName())) {
                return f;
            }
        }
        return null;
    }

    /** The names a request (or a structure in one) takes, as {@link #fill} reports them. */
    public static Set<String> names(SdkPojo pojo) {
        Set<String> names = new TreeSet<>();
        pojo.sdkFields().forEach(f -> names.add(awsName(f)));
        return names;
    }

    /**
     * Fills {@code builder} (an SDK request builder) from the Task's parameters; {@code extra} names parameters
     * the caller handles itself (a streaming {@code Body}), which are skipped here.
     */
    public static void fill(String what, SdkPojo builder, JsonNode input, Set<String> extra) {
        if (!input.isObject()) {
            throw new IllegalArgumentException(what + " needs an object of parameters, not " + Json.write(input));
        }
        List<SdkField<?>> fields = builder.sdkFields();
        String shape = shape(builder);
        input.properties().forEach(e -> {
            String name = e.getKey();
            if (extra.contains(name)) {
                return;
            }
            SdkField<?> field = field(fields, name);
            if (field == null) {
                Set<String> known = names(builder);
                known.addAll(extra);
                throw new IllegalArgumentException(what + " does not take the parameter '" + name
                        + "'; it takes " + String.join(", ", known));
            }
            if (!e.getValue().isNull()) {
                field.set(builder, value(what, shape, field, e.getValue(), name));
            }
        });
    }

    /** {@code lambda.InvokeRequest}: the service package and shape of a model class, its builder or a pojo. */
    static String shape(Object pojoOrBuilder) {
        Class<?> type = pojoOrBuilder.getClass();
        while (type.getDeclaringClass() != null) {
            type = type.getDeclaringClass(); // InvokeRequest$BuilderImpl
        }
        String name = type.getName();
        String services = "software.amazon.awssdk.services.";
        String service = "";
        if (name.startsWith(services)) {
            String rest = name.substring(services.length());
            service = rest.substring(0, Math.max(rest.indexOf('.'), 0));
        }
        return service + "." + type.getSimpleName();
    }

    private static Object value(String what, String shape, SdkField<?> field, JsonNode node, String at) {
        Class<?> type = field.marshallingType().getTargetClass();
        if (type == Document.class) {
            return document(what, node, at);
        }
        if (node.isNull()) {
            // only a list's element or a map's value gets here (a member given null is left unset): the services
            // refuse a null there (DynamoDB: "Supplied AttributeValue is empty"/"null" is not a valid name), and
            // its text "null" would be a silent wrong value
            throw new IllegalArgumentException(what + " parameter '" + at + "' must not be null: a list or map of "
                    + "the request holds values only");
        }
        if (type == String.class) {
            if (node.isNumber()) {
                return decimal(what, at, node).toPlainString(); // 1E+3 is 1000
            }
            if (node.isValueNode()) {
                return node.asText();
            }
            // an object or array: Step Functions sends its JSON text (sfn startExecution's Input, for one)
            return Json.write(node);
        }
        if (type == Integer.class || type == Long.class || type == Short.class) {
            BigDecimal number;
            if (node.isNumber() && (node.isIntegralNumber() || node.canConvertToExactIntegral())) {
                number = node.decimalValue();
            } else if (node.isTextual() && INTEGER_TEXT.matcher(node.asText().trim()).matches()) {
                number = new BigDecimal(node.asText().trim());
            } else {
                throw bad(what, at, "an integer", node);
            }
            long min = type == Long.class ? Long.MIN_VALUE : type == Integer.class ? Integer.MIN_VALUE
                    : Short.MIN_VALUE;
            long max = type == Long.class ? Long.MAX_VALUE : type == Integer.class ? Integer.MAX_VALUE
                    : Short.MAX_VALUE;
            // compareTo looks at the exponents first: 1e1000000 is refused without being expanded
            if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
                throw bad(what, at, "an integer between " + min + " and " + max, node);
            }
            long exact = number.longValueExact();
            return type == Long.class ? (Object) exact : type == Integer.class ? (Object) (int) exact
                    : (Object) (short) exact;
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
            BigDecimal number = decimal(what, at, node);
            if (type == BigDecimal.class) {
                return number;
            }
            double value = number.doubleValue();
            if (Double.isInfinite(value) || type == Float.class && Float.isInfinite((float) value)) {
                throw bad(what, at, "a number within a " + (type == Float.class ? "float" : "double") + "'s range",
                        node);
            }
            return type == Double.class ? (Object) value : (Object) (float) value;
        }
        if (type == Instant.class) {
            if (node.isNumber()) {
                BigDecimal millis = decimal(what, at, node).movePointRight(3);
                if (millis.compareTo(MIN_EPOCH_MILLIS) < 0 || millis.compareTo(MAX_EPOCH_MILLIS) > 0) {
                    throw bad(what, at, "a timestamp in seconds since the epoch between -" + MAX_EPOCH_SECONDS
                            + " and " + MAX_EPOCH_SECONDS, node);
                }
                return Instant.ofEpochMilli(millis.longValue());
            }
            try {
                return OffsetDateTime.parse(node.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw bad(what, at, "an ISO-8601 timestamp", node);
            }
        }
        if (type == SdkBytes.class) {
            if (TEXT_BLOBS.contains(shape + "." + awsName(field))) {
                return SdkBytes.fromUtf8String(node.isTextual() ? node.asText() : Json.write(node));
            }
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
                list.add(value(what, shape, member, element, at + "[" + i++ + "]"));
            }
            return list;
        }
        if (type == Map.class) {
            if (!node.isObject()) {
                throw bad(what, at, "an object", node);
            }
            SdkField<?> member = field.getRequiredTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(),
                    value(what, shape, member, e.getValue(), at + "." + e.getKey())));
            return map;
        }
        if (type == SdkPojo.class) {
            if (!node.isObject()) {
                throw bad(what, at, "an object", node);
            }
            Supplier<SdkPojo> constructor = field.constructor();
            SdkPojo nested = constructor.get();
            String nestedShape = shape(nested);
            node.properties().forEach(e -> {
                SdkField<?> f = field(nested.sdkFields(), e.getKey());
                if (f == null) {
                    throw new IllegalArgumentException(what + " parameter '" + at + "' has no field '"
                            + e.getKey() + "'; it has " + String.join(", ", names(nested)));
                }
                if (!e.getValue().isNull()) {
                    f.set(nested, value(what, nestedShape, f, e.getValue(), at + "." + e.getKey()));
                }
            });
            return ((SdkBuilder<?, ?>) nested).build();
        }
        throw new IllegalArgumentException(what + " parameter '" + at + "' is of a type (" + type.getSimpleName()
                + ") a Task cannot set");
    }

    /**
     * A number's exact value, its size bounded: at most {@link #MAX_DIGITS} digits written out, so a written
     * {@code 1e1000000} is refused rather than expanded into a million digits.
     */
    private static BigDecimal decimal(String what, String at, JsonNode node) {
        BigDecimal number = node.decimalValue();
        if (Math.abs((long) number.scale()) + number.precision() > MAX_DIGITS) {
            throw bad(what, at, "a number of at most " + MAX_DIGITS + " digits", node);
        }
        return number;
    }

    /**
     * A Document member (Bedrock Converse's {@code AdditionalModelRequestFields}, a tool's {@code Input}): the
     * JSON as it is, numbers exact.
     */
    private static Document document(String what, JsonNode node, String at) {
        if (node.isObject()) {
            Map<String, Document> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), document(what, e.getValue(), at + "." + e.getKey())));
            return Document.fromMap(map);
        }
        if (node.isArray()) {
            List<Document> list = new ArrayList<>();
            int i = 0;
            for (JsonNode element : node) {
                list.add(document(what, element, at + "[" + i++ + "]"));
            }
            return Document.fromList(list);
        }
        if (node.isNumber()) {
            return Document.fromNumber(SdkNumber.fromBigDecimal(decimal(what, at, node)));
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        if (node.isNull() || node.isMissingNode()) {
            return Document.fromNull();
        }
        return Document.fromString(node.asText());
    }

    /** A Document as JSON: numbers exact (an integer stays one), null as null. */
    private static JsonNode json(Document document) {
        if (document.isMap()) {
            ObjectNode object = Json.NODES.objectNode();
            document.asMap().forEach((k, v) -> object.set(k, json(v)));
            return object;
        }
        if (document.isList()) {
            ArrayNode array = Json.NODES.arrayNode();
            document.asList().forEach(element -> array.add(json(element)));
            return array;
        }
        if (document.isNumber()) {
            BigDecimal number = new BigDecimal(document.asNumber().stringValue());
            if (number.scale() != 0) {
                return Json.NODES.numberNode(number);
            }
            // an integer as the JSON parser gives one (its digits are as many as the service wrote)
            if (number.precision() > 18) {
                return Json.NODES.numberNode(number.toBigIntegerExact());
            }
            long integer = number.longValueExact();
            return integer == (int) integer ? Json.NODES.numberNode((int) integer) : Json.NODES.numberNode(integer);
        }
        if (document.isBoolean()) {
            return Json.NODES.booleanNode(document.asBoolean());
        }
        if (document.isString()) {
            return Json.NODES.textNode(document.asString());
        }
        return Json.NODES.nullNode();
    }

    private static IllegalArgumentException bad(String what, String at, String expected, JsonNode node) {
        return new IllegalArgumentException(what + " parameter '" + at + "' must be " + expected + ", not "
                + Json.write(node));
    }

    /** A response (or a member of one) as the SDK integration returns it. */
    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode result = Json.NODES.objectNode();
        String shape = shape(pojo);
        for (SdkField<?> field : pojo.sdkFields()) {
            Object raw = field.getValueOrDefault(pojo);
            String name = awsName(field);
            JsonNode value = raw instanceof SdkBytes bytes && TEXT_BLOBS.contains(shape + "." + name)
                    ? Json.NODES.textNode(bytes.asUtf8String()) : json(raw);
            if (value != null) {
                result.set(name, value);
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
        if (value instanceof Document document) {
            return json(document);
        }
        // a member type this does not know would be dropped silently: say so instead
        throw new IllegalStateException("a result member of type " + value.getClass().getName()
                + " has no JSON form here");
    }
}
