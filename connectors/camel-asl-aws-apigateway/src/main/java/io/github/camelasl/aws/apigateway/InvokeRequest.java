package io.github.camelasl.aws.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A Task's effective input as {@code apigateway:invoke}'s request, field for field as "Call API Gateway with Step
 * Functions" (Request format) describes it: {@code ApiEndpoint} (a host name) and {@code Method} (required),
 * {@code Stage}, {@code Path}, {@code Headers} and {@code QueryParameters} (each name with a list of values),
 * {@code RequestBody} (JSON or a string), {@code AllowNullValues} and {@code AuthType}.
 */
final class InvokeRequest {

    static final Set<String> FIELDS = Set.of("ApiEndpoint", "Method", "Stage", "Path", "Headers", "QueryParameters",
            "RequestBody", "AllowNullValues", "AuthType");
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    static final Set<String> AUTH_TYPES = Set.of("NO_AUTH", "IAM_ROLE", "RESOURCE_POLICY");
    /**
     * "For security considerations, the following HTTP header keys are not currently permitted" ("Call API Gateway
     * with Step Functions"), plus Content-Length, which the client computes; and names starting with X-Forwarded,
     * X-Amz or X-Amzn.
     */
    static final Set<String> FORBIDDEN_HEADERS = Set.of("authorization", "connection", "content-length",
            "content-md5", "expect", "host", "max-forwards", "proxy-authenticate", "server", "te", "transfer-encoding",
            "trailer", "upgrade", "via", "www-authenticate");
    /** A host name, with an optional port: never a scheme, credentials or a path. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})(?::[0-9]{1,5})?");

    final String apiEndpoint;
    final String method;
    final String pathAndQuery;
    final List<Map.Entry<String, String>> headers;
    final byte[] body;
    final String authType;

    private InvokeRequest(String apiEndpoint, String method, String pathAndQuery,
                          List<Map.Entry<String, String>> headers, byte[] body, String authType) {
        this.apiEndpoint = apiEndpoint;
        this.method = method;
        this.pathAndQuery = pathAndQuery;
        this.headers = headers;
        this.body = body;
        this.authType = authType;
    }

    static InvokeRequest of(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("apigateway:invoke needs an object of parameters, not "
                    + (input == null ? "nothing" : Json.write(input)));
        }
        input.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("apigateway:invoke does not take the parameter '" + name
                        + "'; it takes " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
        String apiEndpoint = checkedHost(required(input, "ApiEndpoint"));
        String method = required(input, "Method");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("apigateway:invoke parameter 'Method' must be one of "
                    + String.join(", ", METHODS.stream().sorted().toList()) + ", not '" + method + "'");
        }
        String authType = text(input, "AuthType");
        authType = authType == null ? "NO_AUTH" : authType;
        if (!AUTH_TYPES.contains(authType)) {
            throw new IllegalArgumentException("apigateway:invoke parameter 'AuthType' must be NO_AUTH, IAM_ROLE or "
                    + "RESOURCE_POLICY, not '" + authType + "'");
        }
        StringBuilder path = new StringBuilder();
        appendSegments(path, text(input, "Stage"), "Stage");
        appendSegments(path, text(input, "Path"), "Path");
        if (path.length() == 0) {
            path.append('/');
        }
        String query = query(input.get("QueryParameters"));
        if (!query.isEmpty()) {
            path.append('?').append(query);
        }
        JsonNode allowNulls = input.get("AllowNullValues");
        if (allowNulls != null && !allowNulls.isNull() && !allowNulls.isBoolean()) {
            throw new IllegalArgumentException("apigateway:invoke parameter 'AllowNullValues' must be a boolean");
        }
        JsonNode requestBody = input.get("RequestBody");
        byte[] body = null;
        List<Map.Entry<String, String>> headers = headers(input.get("Headers"));
        if (requestBody != null && !requestBody.isNull()) {
            if (requestBody.isTextual()) {
                body = requestBody.asText().getBytes(StandardCharsets.UTF_8);
            } else {
                JsonNode sent = allowNulls != null && allowNulls.asBoolean() ? requestBody : withoutNulls(requestBody);
                body = Json.write(sent).getBytes(StandardCharsets.UTF_8);
                if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
                    headers.add(Map.entry("Content-Type", "application/json; charset=UTF-8"));
                }
            }
        }
        return new InvokeRequest(apiEndpoint, method, path.toString(), headers, body, authType);
    }

    /** {@code text} when it is a host name (optionally with a port), as ApiEndpoint must be. */
    static String checkedHost(String text) {
        if (!HOST.matcher(text).matches() || text.contains("..")) {
            throw new IllegalArgumentException("apigateway:invoke parameter 'ApiEndpoint' must be the host name of "
                    + "the API (<API ID>.execute-api.<region>.amazonaws.com), not '" + text + "'");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static void appendSegments(StringBuilder path, String value, String field) {
        if (value == null || value.isEmpty()) {
            return;
        }
        for (String segment : value.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("apigateway:invoke parameter '" + field + "' has the segment '"
                        + segment + "'");
            }
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    private static String query(JsonNode node) {
        JsonNode object = object(node, "QueryParameters");
        StringJoiner query = new StringJoiner("&");
        if (object != null) {
            object.properties().forEach(e -> values(e.getValue(), "QueryParameters." + e.getKey())
                    .forEach(v -> query.add(encode(e.getKey()) + "=" + encode(v))));
        }
        return query.toString();
    }

    private static List<Map.Entry<String, String>> headers(JsonNode node) {
        JsonNode object = object(node, "Headers");
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (object == null) {
            return headers;
        }
        object.properties().forEach(e -> {
            String name = e.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (FORBIDDEN_HEADERS.contains(lower) || lower.startsWith("x-forwarded") || lower.startsWith("x-amz")) {
                throw new IllegalArgumentException("apigateway:invoke does not let a Task set the header '" + name
                        + "' (Step Functions refuses it)");
            }
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                throw new IllegalArgumentException("apigateway:invoke header name '" + name + "' is not valid");
            }
            if (!e.getValue().isArray()) {
                throw new InvalidFormat("Headers");
            }
            for (String value : values(e.getValue(), "Headers." + name)) {
                if (value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw new IllegalArgumentException("apigateway:invoke header '" + name + "' has a line break");
                }
                headers.add(Map.entry(name, value));
            }
        });
        return headers;
    }

    /**
     * A field AWS refuses before the call with States.Runtime: "The Parameters '...' could not be used to start the
     * Task: [The value of the field 'Headers' has an invalid format]" (a header given one string instead of a list;
     * recorded in LocalStack's AWS snapshot test_apigetway_task_service).
     */
    static final class InvalidFormat extends IllegalArgumentException {
        final String field;

        InvalidFormat(String field) {
            super("The value of the field '" + field + "' has an invalid format");
            this.field = field;
        }
    }

    /**
     * A list of values ("HTTP headers allow a list of values"); for QueryParameters a single scalar is taken as a
     * list of one (Headers refuse it, as AWS does: {@link InvalidFormat}).
     */
    private static List<String> values(JsonNode node, String at) {
        List<String> values = new ArrayList<>();
        Iterable<JsonNode> items = node.isArray() ? node : List.of(node);
        for (JsonNode item : items) {
            if (!item.isValueNode() || item.isNull()) {
                throw new IllegalArgumentException("apigateway:invoke parameter '" + at + "' must be a list of "
                        + "strings, not " + Json.write(node));
            }
            values.add(item.isNumber() ? item.decimalValue().toPlainString() : item.asText());
        }
        return values;
    }

    /** The body without its null fields, unless AllowNullValues is true. */
    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = Json.NODES.objectNode();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            var copy = Json.NODES.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext();) {
                copy.add(withoutNulls(it.next()));
            }
            return copy;
        }
        return node;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static JsonNode object(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("apigateway:invoke parameter '" + at + "' must be an object, not "
                    + Json.write(node));
        }
        return node;
    }

    private static String required(JsonNode input, String name) {
        String text = text(input, name);
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("apigateway:invoke needs the parameter '" + name + "'");
        }
        return text;
    }

    private static String text(JsonNode input, String name) {
        JsonNode value = input.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("apigateway:invoke parameter '" + name + "' must be a string, not "
                    + Json.write(value));
        }
        return value.asText();
    }
}
