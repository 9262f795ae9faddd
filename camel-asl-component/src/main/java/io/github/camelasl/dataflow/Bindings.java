package io.github.camelasl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * What the names in a path or expression refer to, besides the data ({@code $}): the context object
 * ({@code $$}) and the workflow variables ({@code $name}).
 *
 * @param context   the context object
 * @param variables a variable's value by name (without {@code $}), or null when it is not defined
 */
public record Bindings(JsonNode context, Function<String, JsonNode> variables) {

    private static final Function<String, JsonNode> NO_VARIABLES = name -> null;

    /** Bindings with a context object and no variables. */
    public static Bindings of(JsonNode context) {
        return new Bindings(context, NO_VARIABLES);
    }

    /** The variable's value, or null when it is not defined. */
    public JsonNode variable(String name) {
        return variables.apply(name);
    }
}
