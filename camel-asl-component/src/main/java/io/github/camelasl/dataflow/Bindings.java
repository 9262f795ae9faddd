package io.github.camelasl.dataflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the names in a path or expression refer to, besides the data ({@code $}): the context object
 * ({@code $$}) and the workflow variables ({@code $name}). The context object can be given as a supplier, so it
 * is built only when read: most states never read {@code $$}.
 */
public final class Bindings {

    private static final Function<String, JsonNode> NO_VARIABLES = name -> null;

    private final Supplier<JsonNode> contextSupplier;
    private final Function<String, JsonNode> variables;
    private final JsonNode context;

    /**
     * @param context   the context object
     * @param variables a variable's value by name (without {@code $}), or null when it is not defined
     */
    public Bindings(JsonNode context, Function<String, JsonNode> variables) {
        this.context = context;
        this.contextSupplier = null;
        this.variables = variables;
    }

    /** Bindings whose context object is asked of the supplier each time (it may change: a scope's moves on). */
    public Bindings(Supplier<JsonNode> context, Function<String, JsonNode> variables) {
        this.contextSupplier = context;
        this.context = null;
        this.variables = variables;
    }

    /** Bindings with a context object and no variables. */
    public static Bindings of(JsonNode context) {
        return new Bindings(context, NO_VARIABLES);
    }

    /** The context object {@code $$}. */
    public JsonNode context() {
        return contextSupplier != null ? contextSupplier.get() : context;
    }

    public Function<String, JsonNode> variables() {
        return variables;
    }

    /** The variable's value, or null when it is not defined. */
    public JsonNode variable(String name) {
        return variables.apply(name);
    }
}
