package io.github.camelasl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a state's result into its input at ResultPath. Jayway's {@code set()} refuses missing parents, and
 * ASL creates them, so this is written by hand for the definite paths ResultPath allows.
 */
public final class ResultPath {

    private ResultPath() {
    }

    /**
     * @param path   the ResultPath: "$" replaces the input, null discards the result
     * @param input  the state's raw input (not modified)
     * @param result the result to place
     */
    public static JsonNode apply(String path, JsonNode input, JsonNode result) {
        if (path == null) {
            return input;
        }
        if ("$".equals(path)) {
            return result;
        }
        List<Object> segments = segments(path);
        if (!input.isObject() && !input.isArray()) {
            throw matchFailure(path, input);
        }
        JsonNode root = input.deepCopy();
        JsonNode node = root;
        for (int i = 0; i < segments.size(); i++) {
            Object segment = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (segment instanceof String name) {
                if (!(node instanceof ObjectNode object)) {
                    throw matchFailure(path, input);
                }
                if (last) {
                    object.set(name, result);
                } else {
                    JsonNode child = object.get(name);
                    if (child == null || !(child.isObject() || child.isArray())) {
                        child = Json.NODES.objectNode();
                        object.set(name, child);
                    }
                    node = child;
                }
            } else {
                int index = (Integer) segment;
                if (!(node instanceof ArrayNode array) || index >= array.size()) {
                    throw matchFailure(path, input);
                }
                if (last) {
                    array.set(index, result);
                } else {
                    node = array.get(index);
                }
            }
        }
        return root;
    }

    private static AslError matchFailure(String path, JsonNode input) {
        return new AslError(ErrorNames.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ResultPath '" + path + "' to input '" + Json.write(input) + "'");
    }

    /** Splits {@code $.a.b[0]['c d']} into ["a", "b", 0, "c d"]. */
    static List<Object> segments(String path) {
        List<Object> out = new ArrayList<>();
        int i = 1; // past '$'
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                out.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("invalid ResultPath '" + path + "'");
                }
                String inner = path.substring(i + 1, close).trim();
                if (inner.startsWith("'") || inner.startsWith("\"")) {
                    out.add(inner.substring(1, inner.length() - 1));
                } else {
                    out.add(Integer.parseInt(inner));
                }
                i = close + 1;
            } else {
                throw new IllegalArgumentException("invalid ResultPath '" + path + "'");
            }
        }
        return out;
    }
}
