package io.github.camelasl.dataflow.intrinsic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Bindings;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;

/** Small helpers shared by the intrinsic function tests. */
final class IntrinsicTestSupport {

    static final String CONTEXT = """
            {"Execution": {"Id": "arn:aws:states:us-east-1:111111111111:execution:my-machine:run-1",
                           "Name": "run-1", "Input": {"k": "v"}},
             "StateMachine": {"Id": "arn:aws:states:us-east-1:111111111111:stateMachine:my-machine",
                              "Name": "my-machine"}}
            """;

    private IntrinsicTestSupport() {
    }

    static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static JsonNode eval(String expression, String input) {
        return IntrinsicFunctions.evaluate(expression, json(input), Bindings.of(json(CONTEXT)));
    }

    static JsonNode eval(String expression) {
        return eval(expression, "{}");
    }

    /** Asserts value equality as AWS compares outputs (1 equals 1.0), showing both as JSON text on failure. */
    static void assertJson(String expected, JsonNode actual) {
        JsonNode expectedNode = json(expected);
        assertTrue(JsonValues.sameValue(expectedNode, actual),
                () -> "expected " + Json.write(expectedNode) + " but was " + Json.write(actual));
    }

    static AslError assertFails(String expression, String input, String errorName) {
        AslError error = assertThrows(AslError.class, () -> eval(expression, input),
                () -> expression + " should fail");
        assertEquals(errorName, error.error(), () -> "error name; cause was: " + error.cause());
        return error;
    }
}
