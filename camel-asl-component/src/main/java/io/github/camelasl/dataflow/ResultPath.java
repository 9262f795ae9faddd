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

    /**
     * True when {@link #apply} can write at this path: {@code $}, then {@code .name}, {@code [index]} or
     * {@code ['name']} steps. The validator asks this of every ResultPath, so that no path it accepts (Jayway reads
     * more forms than these) fails here at run time.
     */
    public static boolean isValid(String path) {
        try {
            parse(path);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Splits {@code $.a.b[0]['c d']} into ["a", "b", 0, "c d"]. */
    static List<Object> segments(String path) {
        return List.copyOf(parse(path));
    }

    /** @throws IllegalArgumentException when the path is not one {@link #isValid} accepts */
    private static List<Object> parse(String path) {
        if (!path.startsWith("$")) {
            throw invalid(path);
        }
        List<Object> out = new ArrayList<>();
        int i = 1; // past '$'
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (end == i + 1) {
                    throw invalid(path);
                }
                out.add(path.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                i = bracket(path, skipSpaces(path, i + 1), out);
            } else {
                throw invalid(path);
            }
        }
        return out;
    }

    /** Reads {@code 'name']}, {@code "name"]} or {@code 12]} from {@code i}; returns the index past the ']'. */
    private static int bracket(String path, int i, List<Object> out) {
        char quote = i < path.length() ? path.charAt(i) : 0;
        int end;
        if (quote == '\'' || quote == '"') {
            StringBuilder name = new StringBuilder();
            end = JsonPathSyntax.quotedEnd(path, i, name);
            if (end < 0) {
                throw invalid(path);
            }
            out.add(name.toString());
        } else {
            end = JsonPathSyntax.digitsEnd(path, i);
            if (end == i || end - i > 9) { // no digits, or more than an array can index
                throw invalid(path);
            }
            out.add(Integer.parseInt(path.substring(i, end)));
        }
        end = skipSpaces(path, end);
        if (end >= path.length() || path.charAt(end) != ']') {
            throw invalid(path);
        }
        return end + 1;
    }

    private static int skipSpaces(String path, int i) {
        return JsonPathSyntax.skipSpaces(path, i);
    }

    private static IllegalArgumentException invalid(String path) {
        return new IllegalArgumentException("invalid ResultPath '" + path + "'");
    }
}
