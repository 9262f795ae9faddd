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

    /** Parsed paths; a definition has few, so the cache stays small. */
    private static final Memo<String, List<Object>> SEGMENTS = new Memo<>(ResultPath::segments);

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
        List<Object> segments = SEGMENTS.get(path);
        if (!input.isObject() && !input.isArray()) {
            throw matchFailure(path, input);
        }
        // copy only the containers along the path and share the rest: the engine never changes a tree it has
        // handed on, so the input and the output may share their untouched parts
        JsonNode root = shallowCopy(input);
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
                    child = child == null || !(child.isObject() || child.isArray()) ? Json.NODES.objectNode()
                            : shallowCopy(child);
                    object.set(name, child);
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
                    JsonNode child = shallowCopy(array.get(index));
                    array.set(index, child);
                    node = child;
                }
            }
        }
        return root;
    }

    /** A new container holding the same children; a value node as it is. */
    private static JsonNode shallowCopy(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = Json.NODES.objectNode();
            copy.setAll(object);
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Json.NODES.arrayNode(array.size());
            copy.addAll(array);
            return copy;
        }
        return node;
    }

    private static AslError matchFailure(String path, JsonNode input) {
        return new AslError(ErrorNames.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ResultPath '" + path + "' to input '" + Json.write(input) + "'");
    }

    /** Splits {@code $.a.b[0]['c d']} into ["a", "b", 0, "c d"]. */
    static List<Object> segments(String path) {
        return List.copyOf(parse(path));
    }

    private static List<Object> parse(String path) {
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
