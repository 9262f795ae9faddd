package io.github.camelasl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import io.github.camelasl.dataflow.Json;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every field that reads a number from data, through a path or a variable (MaxConcurrencyPath,
 * ToleratedFailureCountPath, ToleratedFailurePercentagePath, MaxItemsPath, MaxItemsPerBatchPath,
 * MaxInputBytesPerBatchPath, TimeoutSecondsPath, HeartbeatSecondsPath, SecondsPath) or a JSONata expression, takes
 * what AWS takes: a number or text spelling one, as a variable assigned "1" (conformance cases
 * test_reference_in_map_state[MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH] and
 * test_reference_in_map_state_max_items_path[MAP_STATE_REFERENCE_IN_MAX_PER_BATCH_PATH]), and refuses a fraction where
 * it needs a whole number (test_base_wait_seconds_path[1.5]), with the field named.
 */
class NumberFieldsTest extends EngineTestSupport {

    @Override
    protected void configure(CamelContext camel) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:echo").log("${body}");
                from("direct:items").setBody(constant("[1, 2, 3, 4, 5]"));
            }
        });
    }

    /** A Pass assigning the variable n, then the state under test reading it. */
    private static String withVariable(String value, String state) {
        return """
                {"StartAt": "Set", "States": {
                  "Set": {"Type": "Pass", "Assign": {"n": %s}, "Next": "Use"},
                  "Use": %s}}""".formatted(value, state);
    }

    private static final String PROCESSOR = """
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";

    /** An ItemBatcher needs a Distributed Map. */
    private static final String DISTRIBUTED_PROCESSOR = """
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
              "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";

    @ParameterizedTest
    @ValueSource(strings = {"MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath"})
    void numericTextInAVariableServesTheMapsPaths(String field) throws Exception {
        ExecutionResult result = run(withVariable("\"2\"", """
                {"Type": "Map", "ItemsPath": "$.items", "%s": "$n", %s, "End": true}""".formatted(field, PROCESSOR)),
                "{\"items\": [1, 2, 3]}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.cause());
        assertEquals(json("[1, 2, 3]"), result.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TimeoutSecondsPath", "HeartbeatSecondsPath"})
    void numericTextInAVariableServesTheTasksPaths(String field) throws Exception {
        ExecutionResult result = run(withVariable("\"5\"", """
                {"Type": "Task", "Resource": "direct:echo", "%s": "$n", "End": true}""".formatted(field)),
                "{\"a\": 1}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.cause());
        assertEquals(json("{\"a\": 1}"), result.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0\"", "0.0"})
    void numericTextOrAWholeDecimalServesSecondsPath(String seconds) throws Exception {
        ExecutionResult result = run(withVariable(seconds, """
                {"Type": "Wait", "SecondsPath": "$n", "End": true}"""), "{\"a\": 1}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.cause());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "ItemReader": {"Resource": "direct:items", "ReaderConfig": {"InputType": "JSON", "MaxItemsPath": "$n"}} | "2" | [1, 2]
            "ItemReader": {"Resource": "direct:items", "ReaderConfig": {"InputType": "JSON", "MaxItems": 4}}, "ItemBatcher": {"MaxItemsPerBatchPath": "$n"} | "2" | [{"Items": [1, 2]}, {"Items": [3, 4]}]
            "ItemReader": {"Resource": "direct:items", "ReaderConfig": {"InputType": "JSON", "MaxItems": 2}}, "ItemBatcher": {"MaxInputBytesPerBatchPath": "$n"} | "14" | [{"Items": [1]}, {"Items": [2]}]""")
    void numericTextInAVariableServesTheItemReaderAndBatcherPaths(String fields, String value, String expected)
            throws Exception {
        // MaxInputBytesPerBatch 14: {"Items":[]} is 12 bytes, each item a digit and its comma
        ExecutionResult result = run(withVariable(value, """
                {"Type": "Map", %s, %s, "End": true}""".formatted(fields, PROCESSOR)), "{}");
        assertEquals(ExecutionStatus.SUCCEEDED, result.status(), result.cause());
        assertEquals(json(expected), result.output());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"Type": "Task", "Resource": "direct:echo", "TimeoutSecondsPath": "$n", "End": true} | 1.5 | The TimeoutSecondsPath parameter does not reference a positive integer: $n == 1.5
            {"Type": "Task", "Resource": "direct:echo", "HeartbeatSecondsPath": "$n", "End": true} | "1.5" | The HeartbeatSecondsPath parameter does not reference a positive integer: $n == "1.5"
            {"Type": "Wait", "SecondsPath": "$n", "End": true} | "2.5" | The SecondsPath parameter cannot be parsed as a long value: $n == 2.5
            {"Type": "Wait", "SecondsPath": "$n", "End": true} | "99999999999999999999" | The SecondsPath parameter cannot be parsed as a long value: $n == 99999999999999999999
            {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailureCountPath": "$n", @P, "End": true} | "1.5" | The ToleratedFailureCountPath field refers to value "1.5" which is not a valid integer: $n
            {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrencyPath": "$n", @P, "End": true} | "1 " | The MaxConcurrencyPath field refers to value "1 " which is not a valid integer: $n
            {"Type": "Map", "ItemsPath": "$.items", "ToleratedFailurePercentagePath": "$n", @P, "End": true} | "half" | The ToleratedFailurePercentagePath field refers to value "half" which is not a valid float: $n""")
    void aFractionOrTextThatIsNoNumberIsARuntimeErrorNamingTheStateAndField(String state, String value, String cause)
            throws Exception {
        ExecutionResult result = run(withVariable(value, state.replace("@P", PROCESSOR)), "{\"items\": [1]}");
        assertEquals("States.Runtime", result.error());
        assertTrue(result.cause().contains("'Use'") && result.cause().endsWith(cause), result.cause());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            MaxConcurrency | {% 'many' %} | The JSONata expression ''many'' specified for the field 'MaxConcurrency' returned an unexpected result: "many". Expected an integer.
            ToleratedFailureCount | {% 0.5 %} | The JSONata expression '0.5' specified for the field 'ToleratedFailureCount' returned an unexpected result: 0.5. Expected an integer.
            ToleratedFailurePercentage | {% {} %} | The JSONata expression '{}' specified for the field 'ToleratedFailurePercentage' returned an unexpected result: {}. Expected a number.""")
    void aJsonataMapNumberThatIsNoNumberFailsTheStateInsteadOfDefaulting(String field, String expression,
                                                                          String cause) throws Exception {
        ExecutionResult result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Use", "States": {"Use": {"Type": "Map", "Items": [1],
                  "%s": "%s", %s, "End": true}}}""".formatted(field, expression, PROCESSOR), "{}");
        assertEquals("States.QueryEvaluationError", result.error());
        assertTrue(result.cause().endsWith(cause), result.cause());
    }

    @Test
    void hugeOrTinyNumbersAndLongTextAreNoWholeNumberAndCostNothing() throws Exception {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertNull(NumberFields.wholeNumber(Json.parse("1e999999999")));
            assertNull(NumberFields.wholeNumber(Json.parse("1e-999999999")));
            assertNull(NumberFields.wholeNumber(Json.parse("9223372036854775808")));
            assertNull(NumberFields.wholeNumber(TextNode.valueOf("9".repeat(5_000_000))));
            assertNull(NumberFields.number(TextNode.valueOf("1".repeat(5_000_000) + "x")));
        });
        assertEquals(Long.MAX_VALUE, NumberFields.wholeNumber(Json.parse("9223372036854775807")));
        assertEquals(2L, NumberFields.wholeNumber(Json.parse("2.000")));
        assertEquals(2L, NumberFields.wholeNumber(TextNode.valueOf("2.0")));
        assertEquals(-3L, NumberFields.wholeNumber(TextNode.valueOf("-3")));
        for (String text : List.of("+3", " 3", "3 ", "1e3", "0x10", "", "-", "3.")) {
            assertNull(NumberFields.wholeNumber(TextNode.valueOf(text)), text);
        }
        assertEquals(12.5, NumberFields.number(TextNode.valueOf("12.5")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {% 5 %}       | SUCCEEDED |
            {% '5' %}     | FAILED    | The TimeoutSeconds field must be a positive integer, but was: "5"
            {% 1.5 %}     | FAILED    | The TimeoutSeconds field must be a positive integer, but was: 1.5""")
    void aJsonataTimeoutMustBeAPositiveWholeNumber(String expression, ExecutionStatus status, String cause)
            throws Exception {
        ExecutionResult result = run("""
                {"QueryLanguage": "JSONata", "StartAt": "Use", "States": {"Use": {"Type": "Task",
                  "Resource": "direct:echo", "TimeoutSeconds": "%s", "End": true}}}""".formatted(expression), "{}");
        assertEquals(status, result.status(), result.cause());
        if (cause != null) {
            assertEquals("States.QueryEvaluationError", result.error());
            assertTrue(result.cause().endsWith(cause), result.cause());
        }
    }

    /**
     * A JSONata result is typed strictly: text that spells a number is no number. AWS refuses a JSONata Items that
     * gives text (conformance case test_map_state_items_eval_jsonata_fail[string]: "Expected 'array', but was
     * 'string'") and documents a JSONata Seconds as one that "must evaluate to an integer" from 0 to 99999999
     * (https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html).
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            `"Type": "Map", "Items": [1], "MaxConcurrency": "{% '2' %}", @P` | The JSONata expression ''2'' specified for the field 'MaxConcurrency' returned an unexpected result: "2". Expected an integer.
            `"Type": "Map", "Items": [1], "ToleratedFailureCount": "{% '1' %}", @P` | The JSONata expression ''1'' specified for the field 'ToleratedFailureCount' returned an unexpected result: "1". Expected an integer.
            `"Type": "Map", "Items": [1], "ToleratedFailurePercentage": "{% '50' %}", @P` | The JSONata expression ''50'' specified for the field 'ToleratedFailurePercentage' returned an unexpected result: "50". Expected a number.
            `"Type": "Wait", "Seconds": "{% '0' %}"` | The JSONata expression ''0'' specified for the field 'Seconds' returned an unexpected result: "0". Expected an integer from 0 to 99999999.
            `"Type": "Wait", "Seconds": "{% 100000000 %}"` | The JSONata expression '100000000' specified for the field 'Seconds' returned an unexpected result: 100000000. Expected an integer from 0 to 99999999.
            `"Type": "Map", "Items": [1, 2, 3], "ItemBatcher": {"MaxItemsPerBatch": "{% '2' %}"}, @D` | The JSONata expression ''2'' specified for the field 'MaxItemsPerBatch' returned an unexpected result: "2". Expected an integer.
            `"Type": "Map", "Items": [1, 2, 3], "ItemBatcher": {"MaxInputBytesPerBatch": "{% '200' %}"}, @D` | The JSONata expression ''200'' specified for the field 'MaxInputBytesPerBatch' returned an unexpected result: "200". Expected an integer.""")
    void aJsonataNumberFieldTakesANumberNotText(String fields, String cause) {
        ExecutionResult result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run("""
                {"QueryLanguage": "JSONata", "StartAt": "Use", "States": {"Use": {%s, "End": true}}}"""
                .formatted(fields.replace("@P", PROCESSOR).replace("@D", DISTRIBUTED_PROCESSOR)), "{}"));
        assertEquals("States.QueryEvaluationError", result.error(), result.cause());
        assertTrue(result.cause().endsWith(cause), result.cause());
    }

    /**
     * A literal is read exactly, never wrapped: 2^64-1 is a very large MaxConcurrency (not -1, "cannot be negative"),
     * and 2^64 a ToleratedFailureCount that tolerates every failure (not 0, none).
     */
    @Test
    void hugeLiteralLimitsAreReadAsHugeNotWrapped() throws Exception {
        ExecutionResult concurrency = run("""
                {"StartAt": "Use", "States": {"Use": {"Type": "Map", "MaxConcurrency": 18446744073709551615,
                  %s, "End": true}}}""".formatted(PROCESSOR), "[1, 2, 3]");
        assertEquals(ExecutionStatus.SUCCEEDED, concurrency.status(), concurrency.cause());
        assertEquals(json("[1, 2, 3]"), concurrency.output());
        ExecutionResult tolerated = run("""
                {"StartAt": "Use", "States": {"Use": {"Type": "Map", "ToleratedFailureCount": 18446744073709551616,
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                    "StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Boom"}}}, "End": true}}}""", "[1]");
        assertEquals(ExecutionStatus.SUCCEEDED, tolerated.status(), tolerated.cause());
    }
}
