package io.github.camelasl.dataflow.jsonata;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import io.github.camelasl.engine.ErrorNames;

/**
 * The States.QueryEvaluationError causes AWS gives for a JSONata expression, worded as AWS records them. The engine
 * prefixes "An error occurred while executing the state 'X' (entered at the event id #N). "; these are the rest.
 */
final class QueryErrors {

    private QueryErrors() {
    }

    /** "The JSONata expression '$x' specified for the field 'Output/result' returned nothing (undefined)." */
    static AslError undefined(String expression, String field) {
        return error(subject(expression, field) + " returned nothing (undefined).");
    }

    /** "... returned an unexpected result type. Expected 'array', but was 'object' for value: {"foo":"bar"}" */
    static AslError unexpectedType(String expression, String field, ExpectedType expected, JsonNode value) {
        return error(subject(expression, field) + " returned an unexpected result type. Expected '"
                + expected.awsName() + "', but was '" + ExpectedType.typeOf(value) + "' for value: " + Json.write(value));
    }

    /** A function (or another value JSON cannot hold): "... returned an unsupported result type." */
    static AslError unsupportedType(String expression, String field) {
        return error(subject(expression, field) + " returned an unsupported result type.");
    }

    /** "... threw an error during evaluation. T1006: Attempted to invoke a non-function" */
    static AslError evaluationFailed(String expression, String field, String detail) {
        return error(subject(expression, field) + " threw an error during evaluation. " + detail);
    }

    /**
     * The evaluation ran out of its time: States.Timeout when that was what was left of a TimeoutSeconds, else
     * States.QueryEvaluationError (the library's runtime bound, worded as JSONata's U1001).
     */
    static AslError timedOut(String expression, String field, TimeLimit limit) {
        if (limit.isTimeout()) {
            return new AslError(ErrorNames.TIMEOUT, subject(expression, field) + " did not finish before the "
                    + "TimeoutSeconds ran out (" + limit.millis() + " ms were left)");
        }
        return evaluationFailed(expression, field, "U1001: Expression evaluation timeout: Check for infinite loop"
                + " (it ran longer than " + limit.millis() + " ms)");
    }

    private static String subject(String expression, String field) {
        return "The JSONata expression '" + expression + "'"
                + (field == null ? "" : " specified for the field '" + field + "'");
    }

    private static AslError error(String cause) {
        return new AslError(ErrorNames.QUERY_EVALUATION_ERROR, cause);
    }
}
