package io.github.camelasl.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code application/x-www-form-urlencoded} text of a JSON object, as the HTTP Task's
 * {@code Transform.RequestBodyEncoding: URL_ENCODED} writes it ("Call HTTPS APIs in Step Functions workflows",
 * "Applying URL-encoding on request body"): nested objects as {@code a[b]=c}, arrays as
 * {@code Transform.RequestEncodingOptions.ArrayFormat} says. The query string of {@code QueryParameters} is written
 * the same way.
 */
enum FormEncoding {
    /** {@code array[0]=a&array[1]=b}: AWS's default. */
    INDICES,
    /** {@code array=a&array=b}. */
    REPEAT,
    /** {@code array=a,b}. */
    COMMAS,
    /** {@code array[]=a&array[]=b}. */
    BRACKETS;

    static FormEncoding of(String arrayFormat) {
        if (arrayFormat == null) {
            return INDICES;
        }
        try {
            return valueOf(arrayFormat.toUpperCase(Locale.ROOT).equals(arrayFormat) ? arrayFormat : "?");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("http:invoke parameter 'Transform.RequestEncodingOptions.ArrayFormat'"
                    + " must be INDICES, REPEAT, COMMAS or BRACKETS, not '" + arrayFormat + "'");
        }
    }

    /** The pairs of {@code object}, encoded and joined with {@code &}. */
    String encode(JsonNode object) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        object.properties().forEach(e -> add(pairs, e.getKey(), e.getValue()));
        StringJoiner text = new StringJoiner("&");
        pairs.forEach(p -> text.add(escape(p.getKey()) + "=" + escape(p.getValue())));
        return text.toString();
    }

    private void add(List<Map.Entry<String, String>> pairs, String key, JsonNode value) {
        if (value.isObject()) {
            value.properties().forEach(e -> add(pairs, key + "[" + e.getKey() + "]", e.getValue()));
        } else if (value.isArray()) {
            if (this == COMMAS && allScalars(value)) {
                StringJoiner joined = new StringJoiner(",");
                value.forEach(item -> joined.add(scalar(item)));
                pairs.add(Map.entry(key, joined.toString()));
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                String itemKey = switch (this) {
                    case INDICES -> key + "[" + i + "]";
                    case BRACKETS -> key + "[]";
                    case REPEAT, COMMAS -> value.get(i).isContainerNode() ? key + "[" + i + "]" : key;
                };
                add(pairs, itemKey, value.get(i));
            }
        } else {
            pairs.add(Map.entry(key, scalar(value)));
        }
    }

    private static boolean allScalars(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static String scalar(JsonNode value) {
        if (value.isNull()) {
            return "";
        }
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }

    private static String escape(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
