package io.github.camelasl.dataflow.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.engine.AslError;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Amazon States Language intrinsic functions ({@code States.Format}, {@code States.ArrayPartition}, ...) as used
 * in JSONPath payload templates, Fail state ErrorPath/CausePath and Assign.
 *
 * <p>Errors, as {@link AslError}:
 * <ul>
 *   <li>a function that rejects its arguments (wrong type, out of range, invalid JSON, ...) raises
 *       {@code States.IntrinsicFailure}, which Retry and Catch can handle;</li>
 *   <li>a JSONPath argument that selects nothing raises {@code States.Runtime}, as a missing path does elsewhere;</li>
 *   <li>a call that does not parse raises {@code States.Runtime}; validation rejects those up front through
 *       {@link #staticProblem}.</li>
 * </ul>
 * Causes are the detail only; the caller prefixes AWS's "An error occurred while executing the state ..." text.
 */
public final class IntrinsicFunctions {

    private static final String PREFIX = "States.";
    private static final int CACHE_LIMIT = 10_000;

    /** A parse result: the call, or why it is not a valid call. Failures are cached too, they are asked again. */
    private record Parsed(Expr.Call call, String problem) {
    }

    private static final Map<String, Parsed> CACHE = new ConcurrentHashMap<>();

    private IntrinsicFunctions() {
    }

    /** True when the string is an intrinsic function call, e.g. "States.Format('{}', $.a)". */
    public static boolean isIntrinsic(String expression) {
        return expression != null && expression.startsWith(PREFIX);
    }

    /** Parses and evaluates; data is the state's effective input ($), context is the context object ($$). */
    public static JsonNode evaluate(String expression, JsonNode data, Bindings bindings) {
        Parsed parsed = parse(expression);
        if (parsed.problem() != null) {
            throw AslError.runtime(parsed.problem());
        }
        return new Evaluator(expression, data, bindings).evaluate(parsed.call());
    }

    /**
     * Static check for validation: null when the call parses and every function name/arity rule that can be checked
     * statically holds, otherwise AWS-style message text. AWS reports every such problem at CreateStateMachine as
     * {@code SCHEMA_VALIDATION_FAILED: The value for the field '<key>' must be a valid JSONPath or a valid intrinsic
     * function call}; this text is the detail behind it.
     */
    public static String staticProblem(String expression) {
        if (!isIntrinsic(expression)) {
            return "'" + expression + "' is not an intrinsic function call";
        }
        return parse(expression).problem();
    }

    private static Parsed parse(String expression) {
        Parsed parsed = CACHE.get(expression);
        if (parsed == null) {
            parsed = parseUncached(expression);
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.put(expression, parsed);
            }
        }
        return parsed;
    }

    private static Parsed parseUncached(String expression) {
        try {
            Expr.Call call = IntrinsicParser.parse(expression);
            String arityProblem = arityProblem(call);
            return arityProblem == null ? new Parsed(call, null) : new Parsed(null, arityProblem);
        } catch (IntrinsicSyntaxException e) {
            return new Parsed(null, e.getMessage());
        }
    }

    /** The first call, outermost first, whose argument count its function does not accept. */
    private static String arityProblem(Expr.Call call) {
        String problem = call.function().arityProblem(call.arguments().size());
        if (problem != null) {
            return problem;
        }
        for (Expr argument : call.arguments()) {
            if (argument instanceof Expr.Call nested) {
                problem = arityProblem(nested);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }
}
