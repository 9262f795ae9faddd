package io.github.camelasl.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.conformance.ConformanceCase.Outcome;
import io.github.camelasl.dataflow.Json;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The harness's own pieces, on hand-written cases: a harness that passes everything would measure nothing. */
class ConformanceHarnessTest {

    private static final String DATE_REGEX = "\\\\d{4}-\\\\d{2}-\\\\d{2}T\\\\d{2}:\\\\d{2}:\\\\d{2}(?:\\\\.\\\\d+)?Z";

    @Test
    void namesTheMachineAndExecutionAsRecorded() {
        ConformanceCase c = recorded("""
                {"status": "SUCCEEDED", "output": {}}""", "[]");
        assertEquals(Optional.of("machine_uid01"), c.stateMachineName());
        assertEquals(Optional.of("exec-uid02"), c.executionName());
        assertEquals("arn:aws:iam::111111111111:role/test-sfn-role-fake", c.roleArn());
    }

    @Test
    void recordedReplacementsTurnOurValuesIntoThePlaceholders() {
        ConformanceCase c = recorded("""
                {"status": "SUCCEEDED", "output": {"Id": "arn:<partition>:states:<region>:111111111111:execution:\
                <ArnPart_0idx>:<ExecArnPart_0idx>", "StartTime": "start-time", "At": "date",
                "TimestampValue": "date", "MyTimestamp": "timestamp", "requestId": "<uuid:1>", "again": "<uuid:1>"}}""",
                """
                [{"kind": "jsonpath", "path": "$..StartTime", "replacement": "start-time", "reference": false},
                 {"kind": "key_value_fn", "replacement": "uuid", "reference": true},
                 {"kind": "key_value_fn", "replacement": "timestamp"}]""");
        Outcome ours = outcome("SUCCEEDED", """
                {"Id": "arn:aws:states:us-east-1:111111111111:execution:machine_uid01:exec-uid02",
                 "StartTime": "2024-07-15T13:00:19.123Z", "At": "2024-07-15T13:00:19Z",
                 "TimestampValue": "2016-03-14T01:59:00Z", "MyTimestamp": "not a date",
                 "requestId": "0f8fad5b-d9cb-469f-a165-70867728950e", "again": "0f8fad5b-d9cb-469f-a165-70867728950e"}""");

        assertEquals(Optional.empty(), new ResultComparator(c).difference(ResultNormaliser.normalise(c, ours)));
    }

    @Test
    void historyAddressedPathsReachTheOutput() {
        ConformanceCase c = recorded("""
                {"status": "SUCCEEDED", "output": {"FunctionResult": "RandomNumberGenerated"}}""", """
                [{"kind": "jsonpath", "path": "$..events..executionSucceededEventDetails.output.FunctionResult",
                  "replacement": "RandomNumberGenerated", "reference": false},
                 {"kind": "jsonpath", "path": "$..events..stateExitedEventDetails.output.FunctionResult",
                  "replacement": "RandomNumberGenerated", "reference": false}]""");

        Outcome normalised = ResultNormaliser.normalise(c, outcome("SUCCEEDED", "{\"FunctionResult\": 42}"));

        assertEquals(Optional.empty(), new ResultComparator(c).difference(normalised));
    }

    @Test
    void numbersCompareByTextAndDifferencesArePointedAt() {
        ConformanceCase c = recorded("""
                {"status": "SUCCEEDED", "output": {"a": [1, 2.50, 0.0], "b": {"c": "x"}}}""", "[]");
        ResultComparator comparator = new ResultComparator(c);

        assertEquals(Optional.empty(), comparator.difference(outcome("SUCCEEDED",
                "{\"a\": [1, 2.50, 0.0], \"b\": {\"c\": \"x\"}}")));
        // the same values, other text: AWS writes a number as it came in
        assertEquals(Optional.of("output at /a/0: expected 1, got 1.0"), comparator.difference(outcome("SUCCEEDED",
                "{\"a\": [1.0, 2.50, 0.0], \"b\": {\"c\": \"x\"}}")));
        assertEquals(Optional.of("output at /a/1: expected 2.50, got 2.5"), comparator.difference(outcome(
                "SUCCEEDED", "{\"a\": [1, 2.5, 0.0], \"b\": {\"c\": \"x\"}}")));
        assertEquals(Optional.of("output at /a/2: expected 0.0, got 0"), comparator.difference(outcome(
                "SUCCEEDED", "{\"a\": [1, 2.50, 0], \"b\": {\"c\": \"x\"}}")));
        assertEquals(Optional.of("output at /b/c: expected \"x\", got \"y\""),
                comparator.difference(outcome("SUCCEEDED", "{\"a\": [1, 2.50, 0.0], \"b\": {\"c\": \"y\"}}")));
        assertTrue(comparator.difference(outcome("SUCCEEDED", "{\"a\": [1, 2.50, 0.0]}")).orElseThrow()
                .contains("missing key 'b'"));
        assertTrue(comparator.difference(new Outcome("FAILED", null, "States.Runtime", "boom")).orElseThrow()
                .startsWith("status: expected SUCCEEDED"));
    }

    @Test
    void normalisingKeepsNumberText() {
        ConformanceCase c = recorded("""
                {"status": "SUCCEEDED", "output": {"a": 60.0, "b": 0.0, "c": 1.10}}""", "[]");

        Outcome normalised = ResultNormaliser.normalise(c, outcome("SUCCEEDED", "{\"a\": 60.0, \"b\": 0.0, \"c\": 1.10}"));

        assertEquals(Optional.empty(), new ResultComparator(c).difference(normalised));
        assertEquals(Optional.of("output at /a: expected 60.0, got 6E+1"), new ResultComparator(c).difference(
                ResultNormaliser.normalise(c, outcome("SUCCEEDED", "{\"a\": 6E+1, \"b\": 0.0, \"c\": 1.10}"))));
    }

    @Test
    void theInputIsTheRecordedTextAndTheExpectationKeepsNumberText() throws Exception {
        ConformanceCase c = ConformanceCase.of(ConformanceCase.parseRecorded("""
                {"name": "case", "definition": {}, "input": {"a": 60.0}, "input_raw": "{\\"a\\": 60.0, \\"b\\": 1e2}",
                 "expected": {"status": "SUCCEEDED", "output": {"a": 60.0, "b": 0.0}}}"""));

        assertEquals("{\"a\":60.0,\"b\":1e2}", Json.write(c.input()));
        assertEquals("{\"a\":60.0,\"b\":0.0}", Json.write(c.expected().output()));
    }

    @Test
    void jsonCausesCompareParsedAndUnproducedPlaceholdersMatchAnything() {
        ConformanceCase jsonCause = recorded("""
                {"status": "FAILED", "error": "E", "cause": "{\\"a\\": 1, \\"b\\": 2}"}""", "[]");
        assertEquals(Optional.empty(), new ResultComparator(jsonCause).difference(
                new Outcome("FAILED", null, "E", "{\"b\":2,\"a\":1}")));

        ConformanceCase wildcard = recorded("""
                {"status": "FAILED", "error": "States.Runtime", "cause": "not found in the input '<json-input:1>'"}""",
                "[]", "\"<json-input:1>\", \"<ArnPart_0idx>\"");
        ResultComparator comparator = new ResultComparator(wildcard);
        assertEquals(Optional.empty(), comparator.difference(
                new Outcome("FAILED", null, "States.Runtime", "not found in the input '{\"a\":1}'")));
        assertTrue(comparator.difference(new Outcome("FAILED", null, "States.Runtime", "not found in '{}'"))
                .isPresent());
    }

    @Test
    void referencesAreNumberedAlongTheHistoryAndFoundInsideJsonText() {
        // the recorded cause is stored parsed; the request ids sit inside causes, which are JSON text
        ConformanceCase c = recorded("""
                {"status": "FAILED", "error": "Exception", "cause": {"errorMessage": "boom", "requestId": "<uuid:2>"}}""",
                """
                [{"kind": "key_value_fn", "replacement": "uuid", "reference": true}]""");
        String firstAttempt = "0f8fad5b-d9cb-469f-a165-70867728950e";
        String secondAttempt = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
        List<JsonNode> history = List.of(failedEvent(firstAttempt), failedEvent(secondAttempt));
        Outcome ours = new Outcome("FAILED", null, "Exception",
                "{\"errorMessage\":\"boom\",\"requestId\":\"" + secondAttempt + "\"}");

        assertEquals(Optional.empty(), new ResultComparator(c).difference(ResultNormaliser.normalise(c, ours, history)));
        // without the history, the one request id of the outcome would be <uuid:1>
        assertTrue(new ResultComparator(c).difference(ResultNormaliser.normalise(c, ours)).isPresent());
    }

    private static JsonNode failedEvent(String requestId) {
        return json("{\"type\": \"TaskFailed\", \"taskFailedEventDetails\": {\"error\": \"Exception\", "
                + "\"cause\": \"{\\\"requestId\\\": \\\"" + requestId + "\\\"}\"}}");
    }

    @Test
    void knownFailuresAreOneCaseALine() {
        KnownFailures known = KnownFailures.parse("""
                # comment
                some.case[_.items[1_]]  |  the reason | with a bar

                other.case | why""");
        assertEquals("the reason | with a bar", known.reason("some.case[_.items[1_]]"));
        assertEquals("why", known.reason("other.case"));
        assertEquals(2, known.all().size());
    }

    private static ConformanceCase recorded(String expected, String transformers) {
        return recorded(expected, transformers, "");
    }

    private static ConformanceCase recorded(String expected, String transformers, String placeholders) {
        return ConformanceCase.of(recordedJson("""
                {"name": "case", "definition": {}, "input": {}, "state_machine_type": "STANDARD",
                 "expected": %s, "features": [], "services": [], "external_actions_during_execution": [],
                 "normalization": {"regex_in_order": [
                    {"pattern": "arn:aws:iam::111111111111:role/test-sfn-role-fake", "replacement": "snf_role_arn"},
                    {"pattern": "machine_uid01", "replacement": "<ArnPart_0idx>"},
                    {"pattern": "exec-uid02", "replacement": "<ExecArnPart_0idx>"},
                    {"pattern": "us-east-1", "replacement": "<region>"},
                    {"pattern": "arn:aws:", "replacement": "arn:<partition>:"},
                    {"pattern": "%s", "replacement": "date"}],
                   "other_transformers": %s},
                 "placeholders_in_expected": [%s], "expected_masked_fields": []}
                """.formatted(expected, DATE_REGEX, transformers, placeholders)));
    }

    private static JsonNode recordedJson(String text) {
        try {
            return ConformanceCase.parseRecorded(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Outcome outcome(String status, String output) {
        return new Outcome(status, json(output), null, null);
    }

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
