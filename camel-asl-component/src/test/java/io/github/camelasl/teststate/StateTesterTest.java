package io.github.camelasl.teststate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import org.junit.jupiter.api.Test;

/** TestState of each state type, with mocks, stateConfiguration and the inspection levels. */
class StateTesterTest {

    private final StateTester tester = new StateTester(TaskCalls.NONE);

    /** A request for {@code definition} (JSON text) with {@code input}, at DEBUG. */
    private static ObjectNode request(String definition, String input) {
        ObjectNode request = Json.NODES.objectNode();
        request.put("definition", definition);
        request.put("input", input);
        request.put("inspectionLevel", "DEBUG");
        return request;
    }

    private static ObjectNode mockResult(ObjectNode request, String result) {
        request.putObject("mock").put("result", result);
        return request;
    }

    private static ObjectNode mockError(ObjectNode request, String error, String cause) {
        request.putObject("mock").putObject("errorOutput").put("error", error).put("cause", cause);
        return request;
    }

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }

    private static JsonNode parsed(JsonNode response, String member) throws Exception {
        return Json.parse(response.get(member).textValue());
    }

    private static JsonNode inspected(JsonNode response, String member) throws Exception {
        return Json.parse(response.get("inspectionData").get(member).textValue());
    }

    private AslError refused(ObjectNode request) {
        return assertThrows(AslError.class, () -> tester.test(request));
    }

    private static void assertContains(String text, String part) {
        assertTrue(text != null && text.contains(part), () -> "expected '" + part + "' in: " + text);
    }

    // --- Pass ---

    @Test
    void passShowsEachStepOfItsDataflowAtDebug() throws Exception {
        ObjectNode response = tester.test(request("""
                {"Type": "Pass", "InputPath": "$.order", "Parameters": {"id.$": "$.id", "fixed": 1},
                 "ResultPath": "$.picked", "OutputPath": "$.picked", "Next": "Ship"}""",
                "{\"order\": {\"id\": 7, \"extra\": true}}"));

        assertEquals("SUCCEEDED", response.get("status").textValue());
        assertEquals("Ship", response.get("nextState").textValue());
        assertEquals(json("{\"id\": 7, \"fixed\": 1}"), parsed(response, "output"));
        assertEquals(json("{\"order\": {\"id\": 7, \"extra\": true}}"), inspected(response, "input"));
        assertEquals(json("{\"id\": 7, \"extra\": true}"), inspected(response, "afterInputPath"));
        assertEquals(json("{\"id\": 7, \"fixed\": 1}"), inspected(response, "afterParameters"));
        assertEquals(json("{\"id\": 7, \"fixed\": 1}"), inspected(response, "result"));
        assertEquals(
                json("{\"order\": {\"id\": 7, \"extra\": true}, \"picked\": {\"id\": 7, \"fixed\": 1}}"),
                inspected(response, "afterResultPath"));
    }

    @Test
    void infoAnswersWithoutInspectionDataAndTraceAsDebug() throws Exception {
        ObjectNode info = request("{\"Type\": \"Pass\", \"End\": true}", "{\"a\": 1}");
        info.put("inspectionLevel", "INFO");
        ObjectNode response = tester.test(info);
        assertFalse(response.has("inspectionData"));
        assertFalse(response.has("nextState"));
        assertEquals(json("{\"a\": 1}"), parsed(response, "output"));

        info.remove("inspectionLevel"); // INFO is the default
        assertFalse(tester.test(info).has("inspectionData"));

        info.put("inspectionLevel", "TRACE");
        assertEquals(json("{\"a\": 1}"), inspected(tester.test(info), "afterInputPath"));
    }

    @Test
    void jsonataPassAssignsVariablesFromThoseGiven() throws Exception {
        ObjectNode request = request("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"total": "{% $total + $states.input.n %}"},
                 "Output": {"seen": "{% $total %}"}, "End": true}""", "{\"n\": 5}");
        request.put("variables", "{\"total\": 10, \"other\": \"kept\"}");

        ObjectNode response = tester.test(request);

        // Output reads the variables as they were before the state; its Assign is what follows it
        assertEquals(json("{\"seen\": 10}"), parsed(response, "output"));
        assertEquals(json("{\"total\": 15, \"other\": \"kept\"}"), inspected(response, "variables"));
    }

    @Test
    void dataInTheInputNeverBecomesATemplate() throws Exception {
        ObjectNode response = tester.test(request("{\"Type\": \"Pass\", \"Parameters\": {\"copy.$\": \"$.x\"}, "
                + "\"End\": true}", "{\"x\": {\"path.$\": \"$$.Execution.Id\", \"q\": \"{% 1 + 1 %}\"}}"));

        assertEquals(
                json("{\"copy\": {\"path.$\": \"$$.Execution.Id\", \"q\": \"{% 1 + 1 %}\"}}"),
                parsed(response, "output"));
    }

    // --- Task ---

    @Test
    void taskWithMockedResultGoesThroughResultSelectorResultPathAndOutputPath() throws Exception {
        ObjectNode response = tester.test(mockResult(request("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "f", "Payload.$": "$.data"},
                 "ResultSelector": {"body.$": "$.Payload"}, "ResultPath": "$.lambda", "OutputPath": "$.lambda.body",
                 "Next": "Done"}""", "{\"data\": {\"x\": 1}}"), "{\"StatusCode\": 200, \"Payload\": {\"y\": 2}}"));

        assertEquals("SUCCEEDED", response.get("status").textValue());
        assertEquals("Done", response.get("nextState").textValue());
        assertEquals(json("{\"y\": 2}"), parsed(response, "output"));
        assertEquals(
                json("{\"FunctionName\": \"f\", \"Payload\": {\"x\": 1}}"), inspected(response, "afterParameters"));
        assertEquals(json("{\"StatusCode\": 200, \"Payload\": {\"y\": 2}}"), inspected(response, "result"));
        assertEquals(json("{\"body\": {\"y\": 2}}"), inspected(response, "afterResultSelector"));
        assertEquals(
                json("{\"data\": {\"x\": 1}, \"lambda\": {\"body\": {\"y\": 2}}}"),
                inspected(response, "afterResultPath"));
    }

    @Test
    void jsonataTaskShowsItsArgumentsAndOutputsOverTheResult() throws Exception {
        ObjectNode response = tester.test(mockResult(request("""
                {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"FunctionName": "f", "Payload": {"n": "{% $states.input.n * 2 %}"}},
                 "Output": "{% $states.result.Payload %}", "Assign": {"last": "{% $states.result.Payload.v %}"},
                 "End": true}""", "{\"n\": 21}"), "{\"Payload\": {\"v\": \"ok\"}}"));

        assertEquals(
                json("{\"FunctionName\": \"f\", \"Payload\": {\"n\": 42}}"), inspected(response, "afterArguments"));
        assertEquals(json("{\"v\": \"ok\"}"), parsed(response, "output"));
        assertEquals(json("{\"last\": \"ok\"}"), inspected(response, "variables"));
        assertFalse(response.has("nextState"));
    }

    private static final String RETRIED_AND_CAUGHT = """
            {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
             "Retry": [{"ErrorEquals": ["Other"]},
                       {"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 3,
                        "MaxDelaySeconds": 30}],
             "Catch": [{"ErrorEquals": ["Other"], "Next": "Never"},
                       {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Recover"}]}""";

    @Test
    void anErrorARetryTakesIsRetriableWithItsBackOff() throws Exception {
        ObjectNode request = mockError(request(RETRIED_AND_CAUGHT, "{\"a\": 1}"), "Flaky", "try again");
        request.putObject("stateConfiguration").put("retrierRetryCount", 2);

        ObjectNode response = tester.test(request);

        assertEquals("RETRIABLE", response.get("status").textValue());
        assertEquals("Flaky", response.get("error").textValue());
        assertEquals("try again", response.get("cause").textValue());
        assertFalse(response.has("output"));
        JsonNode details = response.get("inspectionData").get("errorDetails");
        assertEquals(1, details.get("retryIndex").intValue());
        assertEquals(18, details.get("retryBackoffIntervalSeconds").intValue()); // 2 x 3^2

        request.with("stateConfiguration").put("retrierRetryCount", 0);
        assertEquals(2, tester.test(request).get("inspectionData").get("errorDetails")
                .get("retryBackoffIntervalSeconds").intValue());
    }

    @Test
    void anErrorWhoseRetriesAreSpentIsCaught() throws Exception {
        ObjectNode request = mockError(request(RETRIED_AND_CAUGHT, "{\"a\": 1}"), "Flaky", "again");
        request.putObject("stateConfiguration").put("retrierRetryCount", 3);

        ObjectNode response = tester.test(request);

        assertEquals("CAUGHT_ERROR", response.get("status").textValue());
        assertEquals("Recover", response.get("nextState").textValue());
        assertEquals("Flaky", response.get("error").textValue());
        assertEquals(
                json("{\"a\": 1, \"error\": {\"Error\": \"Flaky\", \"Cause\": \"again\"}}"),
                parsed(response, "output"));
        assertEquals(1, response.get("inspectionData").get("errorDetails").get("catchIndex").intValue());
    }

    @Test
    void anErrorNothingHandlesFails() throws Exception {
        ObjectNode response = tester.test(mockError(request("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                 "Retry": [{"ErrorEquals": ["Other"]}]}""", "{}"), "Boom", "it broke"));

        assertEquals("FAILED", response.get("status").textValue());
        assertEquals("Boom", response.get("error").textValue());
        assertEquals("it broke", response.get("cause").textValue());
        assertFalse(response.has("output"));
        assertFalse(response.get("inspectionData").has("errorDetails"));
    }

    @Test
    void aDataErrorOfTheStateFailsItWhatEverItsCatch() throws Exception {
        // States.Runtime ends the execution whatever Retry or Catch say (the engine's ErrorMatcher)
        ObjectNode response = tester.test(mockResult(request("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "$.missing",
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], "End": true}""", "{}"), "{}"));

        assertEquals("FAILED", response.get("status").textValue());
        assertEquals("States.Runtime", response.get("error").textValue());
        assertContains(response.get("cause").textValue(), "An error occurred while executing the state "
                + "'TestState' (entered at the event id #2). ");
        assertContains(response.get("cause").textValue(), "$.missing");
    }

    @Test
    void aMockedErrorIsAnsweredAsGiven() throws Exception {
        ObjectNode response = tester.test(mockError(request("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}""", "{}"),
                "States.Runtime", "as mocked"));

        assertEquals("States.Runtime", response.get("error").textValue());
        assertEquals("as mocked", response.get("cause").textValue());
    }

    @Test
    void aTaskTokenIsInTheContextOfACallbackTask() throws Exception {
        ObjectNode response = tester.test(mockResult(request("""
                {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                 "Parameters": {"token.$": "$$.Task.Token"}, "End": true}""", "{}"), "{\"done\": true}"));

        assertFalse(inspected(response, "afterParameters").get("token").textValue().isEmpty());
        assertEquals(json("{\"done\": true}"), parsed(response, "output"));
    }

    // --- Choice, Wait, Succeed, Fail ---

    private static final String CHOICE = """
            {"Type": "Choice", "InputPath": "$.order",
             "Choices": [{"Variable": "$.total", "NumericGreaterThan": 100, "Next": "Big"}],
             "Default": "Small"}""";

    @Test
    void choiceNamesTheStateItPicks() throws Exception {
        ObjectNode big = tester.test(request(CHOICE, "{\"order\": {\"total\": 250}}"));
        assertEquals("SUCCEEDED", big.get("status").textValue());
        assertEquals("Big", big.get("nextState").textValue());
        assertEquals(json("{\"total\": 250}"), parsed(big, "output"));
        assertEquals(json("{\"total\": 250}"), inspected(big, "afterInputPath"));

        assertEquals("Small", tester.test(request(CHOICE, "{\"order\": {\"total\": 5}}")).get("nextState").textValue());
    }

    @Test
    void choiceWithoutAMatchOrDefaultFails() throws Exception {
        ObjectNode response = tester.test(request("""
                {"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "A"}]}""", "{}"));

        assertEquals("FAILED", response.get("status").textValue());
        assertEquals("States.NoChoiceMatched", response.get("error").textValue());
    }

    @Test
    void jsonataChoiceEvaluatesConditionsWithTheVariables() throws Exception {
        ObjectNode request = request("""
                {"Type": "Choice", "QueryLanguage": "JSONata",
                 "Choices": [{"Condition": "{% $states.input.n > $limit %}", "Next": "Over",
                              "Output": {"by": "{% $states.input.n - $limit %}"}}],
                 "Default": "Under"}""", "{\"n\": 12}");
        request.put("variables", "{\"limit\": 10}");

        ObjectNode response = tester.test(request);

        assertEquals("Over", response.get("nextState").textValue());
        assertEquals(json("{\"by\": 2}"), parsed(response, "output"));
    }

    @Test
    void waitEvaluatesItsSecondsButDoesNotWait() throws Exception {
        ObjectNode response = tester.test(request("{\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"Next\": \"Go\"}",
                "{\"s\": 31536000}")); // a year
        assertEquals("SUCCEEDED", response.get("status").textValue());
        assertEquals("Go", response.get("nextState").textValue());
        assertEquals(json("{\"s\": 31536000}"), parsed(response, "output"));

        ObjectNode negative = tester.test(request("{\"Type\": \"Wait\", \"SecondsPath\": \"$.s\", \"End\": true}",
                "{\"s\": -1}"));
        assertEquals("FAILED", negative.get("status").textValue());
        assertEquals("States.Runtime", negative.get("error").textValue());
        assertContains(negative.get("cause").textValue(), "negative");

        ObjectNode badTimestamp = tester.test(request("""
                {"Type": "Wait", "QueryLanguage": "JSONata", "Timestamp": "{% $states.input.t %}", "End": true}""",
                "{\"t\": \"tomorrow\"}"));
        assertEquals("States.QueryEvaluationError", badTimestamp.get("error").textValue());
    }

    @Test
    void succeedEndsWithItsOutputAndNoNextState() throws Exception {
        ObjectNode response = tester.test(request("{\"Type\": \"Succeed\", \"OutputPath\": \"$.keep\"}",
                "{\"keep\": [1, 2], \"drop\": 3}"));

        assertEquals("SUCCEEDED", response.get("status").textValue());
        assertEquals(json("[1, 2]"), parsed(response, "output"));
        assertFalse(response.has("nextState"));
    }

    @Test
    void failAnswersItsErrorAndCause() throws Exception {
        ObjectNode response = tester.test(request("{\"Type\": \"Fail\", \"ErrorPath\": \"$.code\", "
                + "\"Cause\": \"bad order\"}", "{\"code\": \"Order.Invalid\"}"));

        assertEquals("FAILED", response.get("status").textValue());
        assertEquals("Order.Invalid", response.get("error").textValue());
        assertEquals("bad order", response.get("cause").textValue());
        assertFalse(response.has("output"));
    }

    // --- Parallel and Map, with mocks ---

    private static final String PARALLEL = """
            {"Type": "Parallel", "Parameters": {"v.$": "$.v"},
             "ResultSelector": {"sum.$": "States.MathAdd($[0], $[1])"},
             "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                          {"StartAt": "B", "States": {"B": {"Type": "Fail", "Error": "B.Failed"}}}],
             "Catch": [{"ErrorEquals": ["B.Failed"], "Next": "Recover"}], "End": true}""";

    @Test
    void parallelRunsOnItsMockedBranchResults() throws Exception {
        ObjectNode response = tester.test(mockResult(request(PARALLEL, "{\"v\": 1}"), "[3, 4]"));

        assertEquals("SUCCEEDED", response.get("status").textValue());
        assertEquals(json("{\"v\": 1}"), inspected(response, "afterParameters"));
        assertEquals(json("{\"sum\": 7}"), parsed(response, "output"));
    }

    @Test
    void parallelsMockedErrorNamesTheBranchStateItCameFrom() throws Exception {
        ObjectNode request = mockError(request(PARALLEL, "{\"v\": 1}"), "B.Failed", "from B");
        request.putObject("stateConfiguration").put("errorCausedByState", "B");
        ObjectNode response = tester.test(request);
        assertEquals("CAUGHT_ERROR", response.get("status").textValue());
        assertEquals("Recover", response.get("nextState").textValue());

        request.with("stateConfiguration").put("errorCausedByState", "Nowhere");
        assertContains(refused(request).cause(), "stateConfiguration.errorCausedByState");
        assertContains(refused(request).cause(), "Nowhere");
    }

    @Test
    void parallelNeedsAMockOfOneResultPerBranch() {
        AslError unmocked = refused(request(PARALLEL, "{}"));
        assertEquals("InvalidDefinition", unmocked.error());
        assertContains(unmocked.cause(), "does not support Map or Parallel states");

        AslError tooFew = refused(mockResult(request(PARALLEL, "{}"), "[1]"));
        assertEquals("ValidationException", tooFew.error());
        assertContains(tooFew.cause(), "number of Parallel branches");
    }

    private static final String MAP = """
            {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 2,
             "ItemSelector": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value", "tag.$": "$.tag"},
             "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
             "ResultPath": "$.results", "Next": "After"}""";

    @Test
    void mapShowsItsItemsAndEachIterationsInput() throws Exception {
        ObjectNode response = tester.test(mockResult(request(MAP, "{\"items\": [\"a\", \"b\"], \"tag\": \"t\"}"),
                "[1, 2]"));

        assertEquals("SUCCEEDED", response.get("status").textValue());
        assertEquals("After", response.get("nextState").textValue());
        assertEquals(json("[\"a\", \"b\"]"), inspected(response, "afterItemsPath"));
        assertEquals(json("""
                [{"index": 0, "value": "a", "tag": "t"}, {"index": 1, "value": "b", "tag": "t"}]"""),
                inspected(response, "afterItemSelector"));
        assertEquals(2, response.get("inspectionData").get("maxConcurrency").intValue());
        assertEquals(json("{\"items\": [\"a\", \"b\"], \"tag\": \"t\", "
                + "\"results\": [1, 2]}"), parsed(response, "output"));
    }

    // --- what a run builds is bounded by AWS's payload limit ---

    /** Items 0 to {@code count - 1}, and {@code padBytes} of padding beside them. */
    private static String items(int count, int padBytes) {
        StringBuilder items = new StringBuilder("{\"items\": [");
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append(i);
        }
        return items.append("], \"pad\": \"").append("p".repeat(padBytes)).append("\"}").toString();
    }

    @Test
    void anItemSelectorThatCopiesTheInputPerItemStopsAtTheLimit() throws Exception {
        String map = """
                {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"v.$": "$$.Execution.Input"},
                 "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""";
        for (String level : new String[] {"INFO", "DEBUG"}) {
            ObjectNode request = mockResult(request(map, items(4001, 200_000)), "[]");
            request.put("inspectionLevel", level);
            ObjectNode response = tester.test(request);

            assertEquals("FAILED", response.get("status").textValue(), level);
            assertEquals("States.DataLimitExceeded", response.get("error").textValue(), level);
            assertContains(response.get("cause").textValue(), "inspectionData.afterItemSelector");
            assertContains(response.get("cause").textValue(), "262144 bytes");
        }
    }

    @Test
    void smallSelectedItemsAreCountedTogetherEvenAtInfo() throws Exception {
        String map = """
                {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"index.$": "$$.Map.Item.Index"},
                 "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""";
        ObjectNode request = mockResult(request(map, items(30_000, 0)), "[]");
        request.put("inspectionLevel", "INFO");
        ObjectNode response = tester.test(request);

        assertEquals("States.DataLimitExceeded", response.get("error").textValue());
        assertFalse(response.has("inspectionData"));
    }

    @Test
    void anInspectionMemberOrAnOutputOverTheLimitFailsTheState() throws Exception {
        String big = "{\"pad\": \"" + "p".repeat(300_000) + "\"}";
        ObjectNode debug = tester.test(request("{\"Type\": \"Pass\", \"End\": true}", big));
        assertEquals("States.DataLimitExceeded", debug.get("error").textValue());
        assertContains(debug.get("cause").textValue(), "inspectionData.input");

        ObjectNode info = request("{\"Type\": \"Pass\", \"End\": true}", big);
        info.put("inspectionLevel", "INFO");
        ObjectNode output = tester.test(info);
        assertEquals("FAILED", output.get("status").textValue());
        assertEquals("States.DataLimitExceeded", output.get("error").textValue());
        assertContains(output.get("cause").textValue(), "maximum number of bytes service limit");
        assertFalse(output.has("output"));
    }

    @Test
    void aResultOverTheLimitIsAnErrorACatchCanTake() throws Exception {
        String task = """
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                 "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Sorry"}]}""";
        ObjectNode request = mockResult(request(task, "{}"), "\"" + "r".repeat(300_000) + "\"");
        request.put("inspectionLevel", "INFO");
        ObjectNode response = tester.test(request);

        assertEquals("CAUGHT_ERROR", response.get("status").textValue());
        assertEquals("States.DataLimitExceeded", response.get("error").textValue());
        assertEquals("Sorry", response.get("nextState").textValue());
        assertEquals("States.DataLimitExceeded", parsed(response, "output").get("error").get("Error").textValue());
    }

    @Test
    void aFailedIterationFailsAnInlineMapButNotADistributedOneWithinItsTolerance() throws Exception {
        ObjectNode inline = mockResult(request(MAP, "{\"items\": [1, 2, 3], \"tag\": \"t\"}"), "[1, 2, 3]");
        inline.putObject("stateConfiguration").put("mapIterationFailureCount", 1);
        ObjectNode failed = tester.test(inline);
        assertEquals("FAILED", failed.get("status").textValue());
        assertEquals("States.ExceedToleratedFailureThreshold", failed.get("error").textValue());

        String distributed = MAP.replace("\"MaxConcurrency\": 2,",
                "\"MaxConcurrency\": 2, \"ToleratedFailureCount\": 1,")
                .replace("\"StartAt\": \"P\"", "\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", "
                        + "\"ExecutionType\": \"EXPRESS\"}, \"StartAt\": \"P\"");
        ObjectNode tolerated = mockResult(request(distributed, "{\"items\": [1, 2, 3], \"tag\": \"t\"}"), "[1, 2, 3]");
        tolerated.putObject("stateConfiguration").put("mapIterationFailureCount", 1);
        ObjectNode response = tester.test(tolerated);
        assertEquals("SUCCEEDED", response.get("status").textValue());
        assertEquals(1, response.get("inspectionData").get("toleratedFailureCount").intValue());

        tolerated.with("stateConfiguration").put("mapIterationFailureCount", 2);
        assertEquals("States.ExceedToleratedFailureThreshold", tester.test(tolerated).get("error").textValue());

        tolerated.with("stateConfiguration").put("mapIterationFailureCount", 4);
        assertContains(refused(tolerated).cause(), "less than or equal to the number of Map iterations");
    }

    @Test
    void aMapWithAnItemReaderReadsTheItemsGivenAsMapItemReaderData() throws Exception {
        String reader = """
                {"Type": "Map", "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                   "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "orders", "Key": "today.json"}},
                 "ItemSelector": {"id.$": "$$.Map.Item.Value.id"},
                 "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"},
                   "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""";
        ObjectNode request = mockResult(request(reader, "{}"), "[{\"id\": 1}, {\"id\": 2}]");
        request.putObject("stateConfiguration").put("mapItemReaderData", "[{\"id\": 1, \"x\": 0}, {\"id\": 2}]");

        ObjectNode response = tester.test(request);

        assertEquals("SUCCEEDED", response.get("status").textValue(), response::toString);
        assertEquals(json("[{\"id\": 1}, {\"id\": 2}]"), inspected(response, "afterItemSelector"));

        request.with("stateConfiguration").remove("mapItemReaderData");
        assertContains(refused(request).cause(), "'stateConfiguration.mapItemReaderData'");

        ObjectNode notAMap = request("{\"Type\": \"Pass\", \"End\": true}", "{}");
        notAMap.putObject("stateConfiguration").put("mapItemReaderData", "[]");
        assertContains(refused(notAMap).cause(), "'stateConfiguration.mapItemReaderData'");
    }

    @Test
    void aJsonataMapSelectsEachItemFromItsContext() throws Exception {
        ObjectNode response = tester.test(mockResult(request("""
                {"Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.list %}",
                 "ItemSelector": {"n": "{% $states.context.Map.Item.Value * 10 %}"},
                 "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
                 "Output": {"count": "{% $count($states.result) %}"}, "End": true}""", "{\"list\": [1, 2, 3]}"),
                "[10, 20, 30]"));

        assertEquals(json("[{\"n\": 10}, {\"n\": 20}, {\"n\": 30}]"), inspected(response, "afterItemSelector"));
        assertEquals(json("{\"count\": 3}"), parsed(response, "output"));
    }

    // --- the definition, the context, the state named ---

    private static final String MACHINE = """
            {"StartAt": "First", "States": {
              "First": {"Type": "Pass", "Next": "Fan"},
              "Fan": {"Type": "Parallel", "End": true, "Branches": [
                {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Result": {"ctx.$": "$$.Execution.Name"},
                  "ResultPath": "$.r", "Parameters": {"name.$": "$$.Execution.Name",
                  "retries.$": "$$.State.RetryCount", "state.$": "$$.State.Name"}, "End": true}}}]}}}""";

    @Test
    void aStateOfAWholeMachineIsNamedEvenInsideABranch() throws Exception {
        ObjectNode request = request(MACHINE, "{}");
        request.put("stateName", "Inner");
        request.put("context", "{\"Execution\": {\"Name\": \"my-run\"}}");

        ObjectNode response = tester.test(request);

        assertEquals(
                json("{\"name\": \"my-run\", \"retries\": 0, \"state\": \"Inner\"}"),
                inspected(response, "afterParameters"));
        assertFalse(response.has("nextState"));
    }

    @Test
    void aWholeMachineNeedsTheStateNamed() {
        AslError missing = refused(request(MACHINE, "{}"));
        assertEquals("ValidationException", missing.error());
        assertContains(missing.cause(), "'stateName'");

        ObjectNode unknown = request(MACHINE, "{}");
        unknown.put("stateName", "Nope");
        assertContains(refused(unknown).cause(), "State not found in definition");
        assertContains(refused(unknown).cause(), "Nope");

        ObjectNode single = request("{\"Type\": \"Pass\", \"End\": true}", "{}");
        single.put("stateName", "First");
        assertContains(refused(single).cause(), "'stateName'");
    }

    @Test
    void anInvalidDefinitionIsRefusedWithItsDiagnostics() {
        AslError error = refused(request("{\"Type\": \"Task\", \"End\": true}", "{}"));
        assertEquals("InvalidDefinition", error.error());
        assertTrue(error.cause().startsWith("Invalid State Machine Definition: '"), error.cause());
        assertContains(error.cause(), "Resource");

        assertContains(refused(request("{\"Type\": ", "{}")).cause(), "INVALID_JSON_DESCRIPTION");
        assertEquals("InvalidDefinition", refused(request("{\"Type\": \"Sleep\", \"End\": true}", "{}")).error());
    }

    @Test
    void badMembersAreRefusedByName() {
        String pass = "{\"Type\": \"Pass\", \"End\": true}";
        assertEquals("InvalidExecutionInput", refused(request(pass, "{nope")).error());

        ObjectNode level = request(pass, "{}");
        level.put("inspectionLevel", "LOUD");
        assertContains(refused(level).cause(), "'inspectionLevel'");

        ObjectNode variables = request(pass, "{}");
        variables.put("variables", "[1]");
        assertContains(refused(variables).cause(), "'variables'");

        ObjectNode context = request(pass, "{}");
        context.put("context", "{oops");
        assertContains(refused(context).cause(), "'context'");

        ObjectNode count = request(pass, "{}");
        count.putObject("stateConfiguration").put("retrierRetryCount", -1);
        assertContains(refused(count).cause(), "'stateConfiguration.retrierRetryCount'");

        ObjectNode role = request(pass, "{}");
        role.put("roleArn", "not-an-arn");
        assertEquals("InvalidArn", refused(role).error());

        ObjectNode noDefinition = request(pass, "{}");
        noDefinition.remove("definition");
        assertContains(refused(noDefinition).cause(), "'definition'");
    }

    @Test
    void mocksAreRefusedWhereTheyMeanNothingOrAreMalformed() {
        String task = "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}";
        AslError onPass = refused(mockResult(request("{\"Type\": \"Pass\", \"End\": true}", "{}"), "{}"));
        assertEquals("ValidationException", onPass.error());
        assertContains(onPass.cause(), "State type 'Pass' is not supported when a mock is specified");

        ObjectNode both = mockResult(request(task, "{}"), "{}");
        both.with("mock").putObject("errorOutput").put("error", "E");
        assertContains(refused(both).cause(), "only one of the following fields: [result, errorOutput]");

        assertContains(refused(mockResult(request(task, "{}"), "{not json")).cause(),
                "Mocked result must be valid JSON");

        ObjectNode mode = mockResult(request(task, "{}"), "{}");
        mode.with("mock").put("fieldValidationMode", "LOOSE");
        assertContains(refused(mode).cause(), "'mock.fieldValidationMode'");

        ObjectNode reveal = mockResult(request(task, "{}"), "{}");
        reveal.put("revealSecrets", true);
        assertContains(refused(reveal).cause(), "RevealSecrets");
    }

    @Test
    void aCallbackTaskNeedsAMockAndAnUnmockedTaskNeedsSomethingToCall() {
        AslError callback = refused(request("{\"Type\": \"Task\", \"Resource\": "
                + "\"arn:aws:states:::sqs:sendMessage.waitForTaskToken\", \"End\": true}", "{}"));
        assertEquals("ValidationException", callback.error());
        assertContains(callback.cause(), ".waitForTaskToken");

        AslError nothingToCall = refused(request("{\"Type\": \"Task\", \"Resource\": \"direct:x\", \"End\": true}",
                "{}"));
        assertEquals("ValidationException", nothingToCall.error());
        assertContains(nothingToCall.cause(), "has no mock");
    }

    @Test
    void membersOfTheWrongShapeAndConfigurationsThatDoNotFitAreRefusedByName() {
        String pass = "{\"Type\": \"Pass\", \"End\": true}";
        String task = "{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}";
        ObjectNode reveal = request(pass, "{}");
        reveal.put("revealSecrets", "yes");
        assertContains(refused(reveal).cause(), "'revealSecrets'");

        ObjectNode longName = request(MACHINE, "{}");
        longName.put("stateName", "x".repeat(81));
        assertContains(refused(longName).cause(), "'stateName'");

        ObjectNode mock = request(task, "{}");
        mock.put("mock", "{}");
        assertContains(refused(mock).cause(), "'mock'");

        ObjectNode errorOutput = request(task, "{}");
        errorOutput.putObject("mock").put("errorOutput", "Boom");
        assertContains(refused(errorOutput).cause(), "'mock.errorOutput'");

        ObjectNode configuration = request(pass, "{}");
        configuration.put("stateConfiguration", 3);
        assertContains(refused(configuration).cause(), "'stateConfiguration'");

        ObjectNode failuresOfATask = mockResult(request(task, "{}"), "{}");
        failuresOfATask.putObject("stateConfiguration").put("mapIterationFailureCount", 1);
        assertContains(refused(failuresOfATask).cause(), "'stateConfiguration.mapIterationFailureCount'");

        ObjectNode causedByWithoutError = mockResult(request(PARALLEL, "{\"v\": 1}"), "[1, 2]");
        causedByWithoutError.putObject("stateConfiguration").put("errorCausedByState", "B");
        assertContains(refused(causedByWithoutError).cause(), "'stateConfiguration.errorCausedByState'");

        assertContains(refused(mockResult(request(MAP, "{}"), "{\"a\": 1}")).cause(),
                "Mocked result must be an array.");
        assertContains(refused(request(task.replace("lambda:invoke", "states:startExecution.sync:2"), "{}")).cause(),
                "only with a mock");
    }

    @Test
    void aRequestBuiltInJavaRunsAsItsJson() throws Exception {
        TestStateRequest request = new TestStateRequest("{\"Type\": \"Task\", \"Resource\": \"direct:price\", "
                + "\"ResultPath\": \"$.price\", \"End\": true}", null, json("{\"n\": 2}"),
                TestStateRequest.InspectionLevel.INFO, false, Json.NODES.objectNode(), null,
                new TestStateRequest.Mock(json("6"), null, null, "NONE"),
                null, new TestStateRequest.Configuration(null, null, null, null));

        ObjectNode response = tester.test(request);

        assertEquals(json("{\"n\": 2, \"price\": 6}"), parsed(response, "output"));
    }

    @Test
    void theRetryCountIsTheContextsRetryCount() throws Exception {
        ObjectNode request = mockResult(request("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"attempt.$": "$$.State.RetryCount"}, "End": true}""", "{}"), "{}");
        request.putObject("stateConfiguration").put("retrierRetryCount", 2);

        assertEquals(json("{\"attempt\": 2}"), inspected(tester.test(request), "afterParameters"));
        assertThrows(AslError.class, () -> tester.test(Json.NODES.objectNode()));
    }
}
