package io.github.camelasl.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Task's effective input as the HTTP request of {@code arn:aws:states:::http:invoke}, field for field as "Call
 * HTTPS APIs in Step Functions workflows" (HTTP Task fields) describes it: {@code ApiEndpoint} and {@code Method}
 * (required), {@code Authentication.ConnectionArn} or {@code InvocationConfig.ConnectionArn}, {@code Headers},
 * {@code QueryParameters}, {@code RequestBody} and {@code Transform}. Any other field, a method AWS does not take or
 * a header AWS does not let a Task set is refused, naming it.
 */
final class HttpInvokeRequest {

    static final Set<String> FIELDS = Set.of("ApiEndpoint", "Method", "Authentication", "InvocationConfig",
            "Headers", "QueryParameters", "RequestBody", "Transform");
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD");

    /**
     * Headers a Task may not set ("Call HTTPS APIs in Step Functions workflows", the Headers field; the list as
     * recalled from that page, which could not be read whole here: a superset of the one "Call API Gateway with Step
     * Functions" prints), plus Content-Length, which the client computes. Names starting with X-Forwarded, X-Amz or
     * X-Amzn are refused too.
     */
    static final Set<String> FORBIDDEN_HEADERS = Set.of("a-im", "accept-charset", "accept-datetime",
            "accept-encoding", "authorization", "cache-control", "connection", "content-encoding", "content-length",
            "content-md5", "date", "expect", "forwarded", "from", "host", "http2-settings", "if-match",
            "if-modified-since", "if-none-match", "if-range", "if-unmodified-since", "max-forwards", "origin", "pragma",
            "proxy-authorization", "referer", "server", "te", "trailer", "transfer-encoding", "upgrade", "via",
            "warning");

    final String apiEndpoint;
    final String method;
    final String connection;
    final List<Map.Entry<String, String>> headers;
    final String query;
    final byte[] body;
    final String contentType;

    private HttpInvokeRequest(String apiEndpoint, String method, String connection,
                              List<Map.Entry<String, String>> headers, String query, byte[] body, String contentType) {
        this.apiEndpoint = apiEndpoint;
        this.method = method;
        this.connection = connection;
        this.headers = headers;
        this.query = query;
        this.body = body;
        this.contentType = contentType;
    }

    static HttpInvokeRequest of(JsonNode input) {
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("http:invoke needs an object of HTTP Task parameters, not "
                    + (input == null ? "nothing" : Json.write(input)));
        }
        input.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("http:invoke does not take the parameter '" + name + "'; it takes "
                        + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        });
        String apiEndpoint = requiredText(input, "ApiEndpoint");
        String method = requiredText(input, "Method");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("http:invoke parameter 'Method' must be one of "
                    + String.join(", ", METHODS.stream().sorted().toList()) + ", not '" + method + "'");
        }
        JsonNode transform = object(input.get("Transform"), "Transform");
        String encoding = transform == null ? null : text(transform, "RequestBodyEncoding", "Transform");
        if (encoding != null && !encoding.equals("NONE") && !encoding.equals("URL_ENCODED")) {
            throw new IllegalArgumentException("http:invoke parameter 'Transform.RequestBodyEncoding' must be NONE or "
                    + "URL_ENCODED, not '" + encoding + "'");
        }
        JsonNode options = transform == null ? null
                : object(transform.get("RequestEncodingOptions"), "Transform.RequestEncodingOptions");
        FormEncoding arrays = FormEncoding.of(options == null ? null
                : text(options, "ArrayFormat", "Transform.RequestEncodingOptions"));

        List<Map.Entry<String, String>> headers = headers(input.get("Headers"));
        JsonNode queryParameters = object(input.get("QueryParameters"), "QueryParameters");
        String query = queryParameters == null ? "" : arrays.encode(queryParameters);

        JsonNode requestBody = input.get("RequestBody");
        byte[] body = null;
        String contentType = null;
        if (requestBody != null && !requestBody.isNull()) {
            if ("URL_ENCODED".equals(encoding)) {
                if (!requestBody.isObject()) {
                    throw new IllegalArgumentException("http:invoke parameter 'RequestBody' must be an object to be "
                            + "URL_ENCODED, not " + Json.write(requestBody));
                }
                body = arrays.encode(requestBody).getBytes(StandardCharsets.UTF_8);
                contentType = "application/x-www-form-urlencoded";
            } else if (requestBody.isTextual()) {
                body = requestBody.asText().getBytes(StandardCharsets.UTF_8);
                contentType = "text/plain; charset=UTF-8";
            } else {
                body = Json.write(requestBody).getBytes(StandardCharsets.UTF_8);
                contentType = "application/json; charset=UTF-8";
            }
        }
        return new HttpInvokeRequest(apiEndpoint, method, connection(input), headers, query, body, contentType);
    }

    /** The URL: the ApiEndpoint (checked), with the QueryParameters added to any query it has. */
    URI url() {
        URI endpoint = EndpointAllowList.checkedUrl(apiEndpoint, "ApiEndpoint");
        if (query.isEmpty()) {
            return endpoint;
        }
        String base = apiEndpoint.contains("#") ? apiEndpoint.substring(0, apiEndpoint.indexOf('#')) : apiEndpoint;
        return URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + query);
    }

    /** The request to send, without authorization: the Task's headers, then the Content-Type of the body. */
    OutgoingRequest toOutgoing() {
        List<Map.Entry<String, String>> all = new ArrayList<>(headers);
        if (body != null && headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
            all.add(Map.entry("Content-Type", contentType));
        }
        return new OutgoingRequest(method, url(), all, body);
    }

    /** The connection ARN (or name) of {@code Authentication} or {@code InvocationConfig}; null when neither. */
    static String connection(JsonNode input) {
        for (String field : List.of("Authentication", "InvocationConfig")) {
            JsonNode holder = object(input.get(field), field);
            if (holder != null) {
                String arn = text(holder, "ConnectionArn", field);
                if (arn != null) {
                    return arn;
                }
            }
        }
        return null;
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
                throw new IllegalArgumentException("http:invoke does not let a Task set the header '" + name
                        + "' (Step Functions refuses it)");
            }
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                throw new IllegalArgumentException("http:invoke header name '" + name + "' is not a valid name");
            }
            JsonNode value = e.getValue();
            List<JsonNode> values = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(values::add);
            } else {
                values.add(value);
            }
            for (JsonNode v : values) {
                if (!v.isValueNode() || v.isNull()) {
                    throw new IllegalArgumentException("http:invoke header '" + name
                            + "' must be a string, not " + Json.write(v));
                }
                String text = v.isNumber() ? v.decimalValue().toPlainString() : v.asText();
                if (text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
                    throw new IllegalArgumentException("http:invoke header '" + name + "' has a line break");
                }
                headers.add(Map.entry(name, text));
            }
        });
        return headers;
    }

    private static JsonNode object(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("http:invoke parameter '" + at + "' must be an object, not "
                    + Json.write(node));
        }
        return node;
    }

    private static String requiredText(JsonNode input, String name) {
        String text = text(input, name, null);
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("http:invoke needs the parameter '" + name + "'");
        }
        return text;
    }

    private static String text(JsonNode holder, String name, String within) {
        JsonNode value = holder.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("http:invoke parameter '" + (within == null ? "" : within + ".") + name
                    + "' must be a string, not " + Json.write(value));
        }
        return value.asText();
    }
}
