package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.camelasl.dataflow.Json;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.InspectionData;
import software.amazon.awssdk.services.sfn.model.InspectionLevel;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidDefinitionException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.MockInput;
import software.amazon.awssdk.services.sfn.model.TestExecutionStatus;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidationException;

/** TestState, driven by the AWS SDK for Java's SfnClient: every member of its request and response on the wire. */
class TestStateActionTest {

    private static final String ROLE = StateMachineActionsTest.ROLE;
    private static final String RETRIED = """
            {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
             "Parameters": {"FunctionName": "price", "Payload.$": "$"},
             "ResultSelector": {"price.$": "$.Payload.price"}, "ResultPath": "$.quote",
             "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 3, "MaxAttempts": 2}],
             "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Apologise"}]}""";

    private static ServerFixture fixture;
    private static SfnClient sfn;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:double").process(e -> e.getMessage().setBody("{\"doubled\": "
                        + Json.parse(e.getMessage().getBody(String.class)).get("n").intValue() * 2 + "}"));
            }
        });
        sfn = fixture.sfn;
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aMockedTaskAnswersItsOutputAndEveryStepAtDebug() throws Exception {
        TestStateResponse response = sfn.testState(r -> r.definition(RETRIED).roleArn(ROLE)
                .input("{\"item\": \"tea\"}").inspectionLevel(InspectionLevel.DEBUG)
                .mock(MockInput.builder().result("{\"Payload\": {\"price\": 4}}").build()));

        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("Done", response.nextState());
        assertEquals(Json.parse("{\"item\": \"tea\", \"quote\": {\"price\": 4}}"), Json.parse(response.output()));
        InspectionData data = response.inspectionData();
        assertEquals(Json.parse("{\"item\": \"tea\"}"), Json.parse(data.input()));
        assertEquals(Json.parse("{\"item\": \"tea\"}"), Json.parse(data.afterInputPath()));
        assertEquals(Json.parse("{\"FunctionName\": \"price\", \"Payload\": {\"item\": \"tea\"}}"),
                Json.parse(data.afterParameters()));
        assertEquals(Json.parse("{\"Payload\": {\"price\": 4}}"), Json.parse(data.result()));
        assertEquals(Json.parse("{\"price\": 4}"), Json.parse(data.afterResultSelector()));
        assertEquals(Json.parse("{\"item\": \"tea\", \"quote\": {\"price\": 4}}"), Json.parse(data.afterResultPath()));
    }

    @Test
    void infoAnswersNoInspectionData() {
        TestStateResponse response = sfn.testState(r -> r.definition("{\"Type\": \"Pass\", \"End\": true}")
                .input("{\"a\": 1}"));

        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("{\"a\":1}", response.output());
        assertNull(response.inspectionData());
        assertNull(response.nextState());
    }

    @Test
    void aMockedErrorIsRetriableThenCaughtWithItsErrorDetails() throws Exception {
        MockInput throttled = MockInput.builder().errorOutput(e -> e.error("Lambda.TooManyRequestsException")
                .cause("slow down")).build();

        TestStateResponse retriable = sfn.testState(r -> r.definition(RETRIED).input("{}")
                .inspectionLevel(InspectionLevel.DEBUG).mock(throttled)
                .stateConfiguration(c -> c.retrierRetryCount(1)));
        assertEquals(TestExecutionStatus.RETRIABLE, retriable.status());
        assertEquals("Lambda.TooManyRequestsException", retriable.error());
        assertEquals("slow down", retriable.cause());
        assertEquals(0, retriable.inspectionData().errorDetails().retryIndex());
        assertEquals(6, retriable.inspectionData().errorDetails().retryBackoffIntervalSeconds()); // 3 x 2^1

        TestStateResponse caught = sfn.testState(r -> r.definition(RETRIED).input("{}")
                .inspectionLevel(InspectionLevel.DEBUG).mock(throttled)
                .stateConfiguration(c -> c.retrierRetryCount(2)));
        assertEquals(TestExecutionStatus.CAUGHT_ERROR, caught.status());
        assertEquals("Apologise", caught.nextState());
        assertEquals(0, caught.inspectionData().errorDetails().catchIndex());
        assertEquals("slow down", Json.parse(caught.output()).get("error").get("Cause").textValue());
    }

    @Test
    void aStateOfAWholeMachineWithVariablesAndContext() throws Exception {
        String machine = """
                {"QueryLanguage": "JSONata", "StartAt": "Check", "States": {
                  "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.n > $limit %}",
                    "Next": "Big", "Assign": {"seenBy": "{% $states.context.Execution.Name %}"}}], "Default": "Small"},
                  "Big": {"Type": "Succeed"}, "Small": {"Type": "Succeed"}}}""";

        TestStateResponse response = sfn.testState(r -> r.definition(machine).stateName("Check")
                .input("{\"n\": 5}").variables("{\"limit\": 3}").context("{\"Execution\": {\"Name\": \"run-1\"}}")
                .inspectionLevel(InspectionLevel.TRACE));

        assertEquals(TestExecutionStatus.SUCCEEDED, response.status());
        assertEquals("Big", response.nextState());
        assertEquals(Json.parse("{\"limit\": 3, \"seenBy\": \"run-1\"}"),
                Json.parse(response.inspectionData().variables()));
    }

    @Test
    void aFailStateFails() {
        TestStateResponse response = sfn.testState(r -> r.definition(
                "{\"Type\": \"Fail\", \"Error\": \"Out.Of.Stock\", \"Cause\": \"none left\"}"));

        assertEquals(TestExecutionStatus.FAILED, response.status());
        assertEquals("Out.Of.Stock", response.error());
        assertEquals("none left", response.cause());
        assertNull(response.output());
    }

    @Test
    void aMapWhoseSelectedItemsPassThePayloadLimitFailsWithDataLimitExceededAndANormalOneRuns() throws Exception {
        String map = """
                {"Type": "Map", "ItemsPath": "$.items", "ItemSelector": {"v.$": "$$.Execution.Input"},
                 "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""";
        StringBuilder input = new StringBuilder("{\"items\": [0");
        for (int i = 1; i <= 4000; i++) {
            input.append(',').append(i);
        }
        input.append("], \"pad\": \"").append("p".repeat(200_000)).append("\"}");
        TestStateResponse tooLarge = sfn.testState(r -> r.definition(map).input(input.toString())
                .inspectionLevel(InspectionLevel.DEBUG).mock(MockInput.builder().result("[]").build()));

        assertEquals(TestExecutionStatus.FAILED, tooLarge.status());
        assertEquals("States.DataLimitExceeded", tooLarge.error());
        assertTrue(tooLarge.cause().contains("afterItemSelector"), tooLarge.cause());

        TestStateResponse normal = sfn.testState(r -> r.definition(map).input("{\"items\": [1, 2]}")
                .inspectionLevel(InspectionLevel.DEBUG).mock(MockInput.builder().result("[3, 4]").build()));
        assertEquals(TestExecutionStatus.SUCCEEDED, normal.status());
        assertEquals(Json.parse("[3, 4]"), Json.parse(normal.output()));
        assertEquals(Json.parse("[{\"v\": {\"items\": [1, 2]}}, {\"v\": {\"items\": [1, 2]}}]"),
                Json.parse(normal.inspectionData().afterItemSelector()));
    }

    @Test
    void anUnmockedTaskCallsItsResourceThroughTheServersDeployer() throws Exception {
        TestStateResponse response = sfn.testState(r -> r.definition(
                "{\"Type\": \"Task\", \"Resource\": \"direct:double\", \"End\": true}").input("{\"n\": 21}"));

        assertEquals(TestExecutionStatus.SUCCEEDED, response.status(), response::toString);
        assertEquals(Json.parse("{\"doubled\": 42}"), Json.parse(response.output()));
        // no execution of anyone's
        assertTrue(fixture.store.list().isEmpty());

        InvalidDefinitionException denied = assertThrows(InvalidDefinitionException.class, () -> sfn.testState(r -> r
                .definition("{\"Type\": \"Task\", \"Resource\": \"exec:rm\", \"End\": true}")));
        assertTrue(denied.awsErrorDetails().errorMessage().contains("exec:rm"), denied.getMessage());
    }

    @Test
    void badRequestsAreAwsErrorsNamingTheMember() {
        String pass = "{\"Type\": \"Pass\", \"End\": true}";
        InvalidDefinitionException invalid = assertThrows(InvalidDefinitionException.class,
                () -> sfn.testState(r -> r.definition("{\"Type\": \"Task\", \"End\": true}")));
        assertTrue(invalid.awsErrorDetails().errorMessage().startsWith("Invalid State Machine Definition"),
                invalid.getMessage());

        ValidationException noStateName = assertThrows(ValidationException.class, () -> sfn.testState(r -> r
                .definition("{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}, "
                        + "\"B\": {\"Type\": \"Succeed\"}}}")));
        assertTrue(noStateName.awsErrorDetails().errorMessage().contains("'stateName'"), noStateName.getMessage());

        ValidationException mockOnPass = assertThrows(ValidationException.class, () -> sfn.testState(r -> r
                .definition(pass).mock(m -> m.result("{}"))));
        assertTrue(mockOnPass.awsErrorDetails().errorMessage().contains("State type 'Pass' is not supported when a "
                + "mock is specified"), mockOnPass.getMessage());

        ValidationException unsupported = assertThrows(ValidationException.class, () -> sfn.testState(r -> r
                .definition("{\"Type\": \"Task\", \"Resource\": \"arn:aws:states:us-east-1:123456789012:"
                        + "activity:review\", \"End\": true}")));
        assertTrue(unsupported.awsErrorDetails().errorMessage().contains("only with a mock"),
                unsupported.getMessage());

        InvalidDefinitionException unmockedMap = assertThrows(InvalidDefinitionException.class, () -> sfn.testState(
                r -> r.definition("{\"Type\": \"Map\", \"ItemProcessor\": {\"StartAt\": \"P\", \"States\": "
                        + "{\"P\": {\"Type\": \"Pass\", \"End\": true}}}, \"End\": true}")));
        assertTrue(unmockedMap.awsErrorDetails().errorMessage().contains("does not support Map or Parallel"));

        assertThrows(InvalidExecutionInputException.class, () -> sfn.testState(r -> r.definition(pass).input("{")));
        assertThrows(InvalidArnException.class, () -> sfn.testState(r -> r.definition(pass).roleArn("role")));
        ValidationException variables = assertThrows(ValidationException.class, () -> sfn.testState(r -> r
                .definition(pass).variables("\"text\"")));
        assertTrue(variables.awsErrorDetails().errorMessage().contains("'variables'"), variables.getMessage());
    }
}
