package io.github.camelasl.test.suite;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.engine.ExecutionStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one test case must end with; a member left null is not checked. Without any expectation a case must end
 * SUCCEEDED (see {@link #DEFAULT}).
 *
 * @param input  the execution input of the case, or null for the suite's
 * @param states the states it must enter, in this order (all of them)
 */
public record Expectation(JsonNode input, ExecutionStatus status, JsonNode output, String error, String cause,
        List<String> states) {

    /** A case nobody said anything about must succeed. */
    public static final Expectation DEFAULT = new Expectation(null, ExecutionStatus.SUCCEEDED, null, null, null,
            null);

    /** Numbers compare by value: 1 and 1.0 are the same output. */
    private static final Comparator<JsonNode> SAME_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
        }
        return a.equals(b) ? 0 : 1;
    };

    /** What does not match, each as "Field: expected X, was Y". */
    List<String> check(ExecutionStatus actualStatus, JsonNode actualOutput, String actualError, String actualCause,
            List<String> actualStates) {
        List<String> failures = new ArrayList<>();
        ExecutionStatus expectedStatus = status != null ? status
                : output != null ? ExecutionStatus.SUCCEEDED
                : error != null || cause != null ? ExecutionStatus.FAILED : null;
        if (expectedStatus != null && expectedStatus != actualStatus) {
            failures.add("Status: expected " + expectedStatus + ", was " + actualStatus
                    + (actualError == null ? "" : " (" + actualError + ": " + actualCause + ")"));
        }
        if (output != null && (actualOutput == null || !output.equals(SAME_VALUE, actualOutput))) {
            failures.add("Output: expected " + output + ", was " + actualOutput);
        }
        if (error != null && !error.equals(actualError)) {
            failures.add("Error: expected " + quoted(error) + ", was " + quoted(actualError));
        }
        if (cause != null && !cause.equals(actualCause)) {
            failures.add("Cause: expected " + quoted(cause) + ", was " + quoted(actualCause));
        }
        if (states != null && !states.equals(actualStates)) {
            failures.add("States: expected " + states + ", was " + actualStates);
        }
        return failures;
    }

    private static String quoted(String text) {
        return text == null ? "none" : "'" + text + "'";
    }
}
