package io.github.camelasl.dataflow.jsonata;

import com.dashjoin.jsonata.JException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.Map;
import java.util.function.Function;

/**
 * JSONata in Step Functions: {@code "{% expression %}"} strings evaluated as AWS evaluates them (JSONata 2.0.6 plus
 * $partition, $range, $hash, $random(seed), $uuid and $parse, without $eval), over the jsonata-java library.
 *
 * <p>Expressions see {@code $states} ({@code input}, {@code result}, {@code errorOutput}, {@code context}, whichever
 * exist) and the workflow variables by name. Every failure is an {@link AslError} {@code States.QueryEvaluationError}
 * whose cause is AWS's text without the engine's "An error occurred while executing the state ..." prefix.
 */
public final class JsonataExpressions {

    private static final String OPEN = "{%";
    private static final String CLOSE = "%}";

    private JsonataExpressions() {
    }

    /**
     * True for a string "{% ... %}": it must start with {% and end with %}; " {% x %} " (spaces outside) is a literal
     * string, as AWS treats it.
     */
    public static boolean isExpression(JsonNode value) {
        return value != null && value.isTextual() && isDelimited(value.textValue());
    }

    /**
     * Evaluates one "{% expr %}" string (text without the delimiters is taken as the expression itself).
     *
     * @param states    the $states object ({"input":..., "result":..., "errorOutput":..., "context":...}), or null
     * @param variables a workflow variable by name without '$', null when not defined; may itself be null
     * @param field     the place for error messages, e.g. "Output", "Arguments/payload", "Condition", "Items"
     * @return the result, or Java null for JSONata undefined
     * @throws AslError States.QueryEvaluationError when evaluation fails or the result is a function
     */
    public static JsonNode evaluate(String expression, JsonNode states, Function<String, JsonNode> variables,
            String field) {
        return evaluate(expression, states, variables, field, TimeLimit.DEFAULT);
    }

    /**
     * As {@link #evaluate(String, JsonNode, Function, String)}, within a time limit.
     *
     * @throws AslError States.Timeout when the limit is a TimeoutSeconds and it ran out
     */
    public static JsonNode evaluate(String expression, JsonNode states, Function<String, JsonNode> variables,
            String field, TimeLimit limit) {
        String source = source(expression);
        CompiledExpression compiled = ExpressionCache.get(source);
        if (compiled.problem != null) {
            throw QueryErrors.evaluationFailed(source, field, compiled.problem);
        }
        Object value;
        try {
            value = compiled.evaluate(states, variables, limit.millis(), limit.nowMillis());
        } catch (AslError e) {
            throw e;
        } catch (StackOverflowError e) {
            throw QueryErrors.evaluationFailed(source, field, JsonataMessages.describe("U1001", null, null));
        } catch (RuntimeException e) {
            if (RuntimeBounds.timedOut(e)) {
                throw QueryErrors.timedOut(source, field, limit);
            }
            if (RuntimeBounds.tooDeep(e)) {
                throw QueryErrors.evaluationFailed(source, field, JsonataMessages.describe("U1001", null, null));
            }
            throw QueryErrors.evaluationFailed(source, field, detail(e, compiled));
        }
        if (value == null) {
            return null; // undefined
        }
        try {
            return JsonataValues.toJson(value);
        } catch (JsonataValues.UnsupportedValue e) {
            throw QueryErrors.unsupportedType(source, field);
        }
    }

    /**
     * Evaluates one expression for a field that needs a value of a given type, e.g. Items an array.
     *
     * @throws AslError States.QueryEvaluationError as {@link #evaluate}, and when the result is undefined ("returned
     *                  nothing (undefined).") or of another type ("returned an unexpected result type. Expected
     *                  'array', but was 'object' for value: {...}")
     */
    public static JsonNode evaluateAs(String expression, JsonNode states, Function<String, JsonNode> variables,
            String field, ExpectedType expected) {
        return evaluateAs(expression, states, variables, field, expected, TimeLimit.DEFAULT);
    }

    /** As {@link #evaluateAs(String, JsonNode, Function, String, ExpectedType)}, within a time limit. */
    public static JsonNode evaluateAs(String expression, JsonNode states, Function<String, JsonNode> variables,
            String field, ExpectedType expected, TimeLimit limit) {
        JsonNode value = evaluate(expression, states, variables, field, limit);
        if (value == null) {
            throw QueryErrors.undefined(source(expression), field);
        }
        if (!expected.matches(value)) {
            throw QueryErrors.unexpectedType(source(expression), field, expected, value);
        }
        return value;
    }

    /**
     * Evaluates a JSONata-dialect template (Arguments, Output, Assign values, ItemSelector, ...): a "{% %}" string is
     * evaluated; objects and arrays are walked (keys unchanged) and their "{% %}" strings evaluated; other values are
     * literals. A value that evaluates to undefined fails with its path as the field: "Output/result" for the member
     * "result" of Output, "Output/list/0" for an array item.
     *
     * @return a new tree; literal containers are copied, so the result never shares structure with the template
     */
    public static JsonNode evaluateTemplate(JsonNode template, JsonNode states, Function<String, JsonNode> variables,
            String field) {
        return evaluateTemplate(template, states, variables, field, TimeLimit.DEFAULT);
    }

    /** As {@link #evaluateTemplate(JsonNode, JsonNode, Function, String)}, each expression within a time limit. */
    public static JsonNode evaluateTemplate(JsonNode template, JsonNode states, Function<String, JsonNode> variables,
            String field, TimeLimit limit) {
        if (isExpression(template)) {
            return evaluateAs(template.textValue(), states, variables, field, ExpectedType.ANY, limit);
        }
        if (template.isObject()) {
            ObjectNode out = Json.NODES.objectNode();
            for (Map.Entry<String, JsonNode> member : template.properties()) {
                out.set(member.getKey(),
                        evaluateTemplate(member.getValue(), states, variables, path(field, member.getKey()), limit));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.NODES.arrayNode(template.size());
            for (int i = 0; i < template.size(); i++) {
                out.add(evaluateTemplate(template.get(i), states, variables, path(field, String.valueOf(i)), limit));
            }
            return out;
        }
        return template; // scalar nodes are immutable
    }

    /**
     * Static check for validation: null if the expression parses, else the parser's message as JSONata 2.0.6 words
     * it, e.g. {@code S0202: Expected ")", got ";"}. Accepts "{% ... %}" or the bare expression.
     */
    public static String staticProblem(String expression) {
        return ExpressionCache.get(source(expression)).problem;
    }

    /** The JSONata text: between the delimiters, trimmed (AWS quotes it so in its messages). */
    static String source(String expression) {
        String text = isDelimited(expression)
                ? expression.substring(OPEN.length(), expression.length() - CLOSE.length())
                : expression;
        return text.trim();
    }

    private static boolean isDelimited(String text) {
        return text != null && text.length() >= OPEN.length() + CLOSE.length()
                && text.startsWith(OPEN) && text.endsWith(CLOSE);
    }

    private static String path(String field, String member) {
        return field == null || field.isEmpty() ? member : field + "/" + member;
    }

    /** The text after "threw an error during evaluation. " for a failure inside the evaluation. */
    private static String detail(RuntimeException failure, CompiledExpression compiled) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof JException jsonata) {
                return compiled.describe(jsonata);
            }
            if (e instanceof FunctionError function) {
                return function.getMessage();
            }
        }
        // an exception from inside the library (jsonata-java lets some Java exceptions through)
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName();
    }
}
