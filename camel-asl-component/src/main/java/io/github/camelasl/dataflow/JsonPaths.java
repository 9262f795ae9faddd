package io.github.camelasl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.github.camelasl.engine.AslError;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads ASL paths ({@code $.a.b}, {@code $$.Execution.Id}) over Jackson trees with Jayway JsonPath.
 * A path starting with {@code $$} reads the context object; any other reads the data.
 */
public final class JsonPaths {

    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(EnumSet.noneOf(Option.class))
            .build();

    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private JsonPaths() {
    }

    /** Thrown when a path selects nothing; the message is Jayway's, which AWS also quotes. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** True for a path that reads the context object. */
    public static boolean isContextPath(String path) {
        return path.startsWith("$$");
    }

    /** True for a path that reads a variable: {@code $name} or {@code $name.field}. */
    public static boolean isVariablePath(String path) {
        return path.length() > 1 && path.charAt(0) == '$'
                && (Character.isLetter(path.charAt(1)) || path.charAt(1) == '_');
    }

    /** The variable a variable path reads: "x" for {@code $x.a[0]}. */
    public static String variableName(String path) {
        int end = 1;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
            end++;
        }
        return path.substring(1, end);
    }

    /**
     * Reads {@code path}: from the context object when it starts with {@code $$}, from a variable when it
     * starts with {@code $name}, else from {@code data}.
     *
     * @throws NotFound when the path selects nothing, or names an undefined variable
     * @throws AslError States.Runtime when the path cannot be evaluated on this data (see {@link #read(String,
     *                  JsonNode)})
     * @throws IllegalArgumentException when the path is not a valid JSONPath
     */
    public static JsonNode read(String path, JsonNode data, Bindings bindings) {
        if (isContextPath(path)) {
            return read(path.substring(1), bindings.context());
        }
        if (isVariablePath(path)) {
            String name = variableName(path);
            JsonNode value = bindings.variable(name);
            if (value == null) {
                throw new NotFound("The variable '$" + name + "' is not defined");
            }
            return read("$" + path.substring(1 + name.length()), value);
        }
        return read(path, data);
    }

    /**
     * Reads {@code path} from {@code root}.
     *
     * @throws NotFound when the path selects nothing
     * @throws AslError States.Runtime when Jayway cannot evaluate the path on this data: a path function that does
     *                  not exist (Jayway looks functions up only when it runs them) or that refuses the data, e.g.
     *                  {@code $.list.max()} over an empty list, or a path Jayway compiles but fails on
     *                  ({@code $..min(1)})
     */
    public static JsonNode read(String path, JsonNode root) {
        if ("$".equals(path)) {
            return root;
        }
        // most paths are plain steps ($.a.b[0]): walk the tree; anything else, or a miss, goes to Jayway, whose
        // result and error message are the reference
        Object[] steps = SIMPLE.get(path);
        if (steps != NOT_SIMPLE) {
            JsonNode found = walk(root, steps);
            if (found != null) {
                return found;
            }
        }
        JsonPath compiled = compile(path);
        try {
            Object value = compiled.read(root, CONFIG);
            return value instanceof JsonNode node ? node : Json.MAPPER.valueToTree(value);
        } catch (PathNotFoundException e) {
            if (!compiled.isDefinite()) {
                return Json.NODES.arrayNode(); // a wildcard or slice under a missing field selects nothing, as on AWS
            }
            throw new NotFound(e.getMessage());
        } catch (RuntimeException e) {
            // JsonPathException, and plain Java exceptions Jayway 2.10 lets through ($..min(1): IllegalStateException)
            throw AslError.runtime("The JSONPath '" + path + "' could not be evaluated: " + e.getMessage());
        }
    }

    /**
     * True when the path is a valid JSONPath, all of it: Jayway compiles it, and every character is part of a step
     * ({@link JsonPathSyntax}), since Jayway ignores some it cannot read ({@code $.a[0]]} reads as {@code $.a[0]}).
     */
    public static boolean isValid(String path) {
        String jsonPath = path.startsWith("$$") ? path.substring(1) : path;
        if (!JsonPathSyntax.isWellFormed(jsonPath)) {
            return false;
        }
        try {
            compile(jsonPath);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** True when the path selects at most one value (no wildcards, slices, filters or deep scans). */
    public static boolean isDefinite(String path) {
        return compile(path.startsWith("$$") ? path.substring(1) : path).isDefinite();
    }

    private static final Object[] NOT_SIMPLE = new Object[0];
    private static final Memo<String, Object[]> SIMPLE = new Memo<>(JsonPaths::simpleSteps);

    /** {@code $.a.b[0]} as ["a", "b", 0]; {@link #NOT_SIMPLE} for anything with other syntax. */
    private static Object[] simpleSteps(String path) {
        if (path.length() < 2 || path.charAt(0) != '$') {
            return NOT_SIMPLE;
        }
        java.util.List<Object> steps = new java.util.ArrayList<>();
        int i = 1;
        while (i < path.length()) {
            char c = path.charAt(i);
            int end = i + 1;
            if (c == '.') {
                while (end < path.length() && isNameChar(path.charAt(end))) {
                    end++;
                }
                if (end == i + 1 || (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[')) {
                    return NOT_SIMPLE;
                }
                steps.add(path.substring(i + 1, end));
            } else if (c == '[') {
                while (end < path.length() && Character.isDigit(path.charAt(end))) {
                    end++;
                }
                if (end == i + 1 || end >= path.length() || path.charAt(end) != ']' || end - i > 9) {
                    return NOT_SIMPLE;
                }
                steps.add(Integer.parseInt(path.substring(i + 1, end)));
                end++;
            } else {
                return NOT_SIMPLE;
            }
            i = end;
        }
        return steps.toArray();
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** The node at the end of the steps, or null when a step finds nothing. */
    private static JsonNode walk(JsonNode root, Object[] steps) {
        JsonNode node = root;
        for (Object step : steps) {
            if (step instanceof String name) {
                node = node.isObject() ? node.get(name) : null;
            } else {
                int index = (Integer) step;
                node = node.isArray() && index < node.size() ? node.get(index) : null;
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonPath compile(String path) {
        JsonPath compiled = COMPILED.get(path);
        if (compiled == null) {
            try {
                compiled = JsonPath.compile(path);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("invalid JSONPath '" + path + "': " + e.getMessage(), e);
            }
            if (COMPILED.size() < 10_000) {
                COMPILED.put(path, compiled);
            }
        }
        return compiled;
    }
}
