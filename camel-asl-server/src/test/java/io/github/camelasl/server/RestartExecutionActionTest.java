package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Our own action CamelAsl.RestartExecution: a new execution from a chosen state with edited input. The SDKs cannot
 * call it, so the requests are raw HTTP in AWS's JSON 1.0 wire format; the executions it starts are read with the
 * SDK's client.
 */
class RestartExecutionActionTest {

    private static final String ADD_THEN_DOUBLE = """
            {"StartAt": "Add", "States": {
              "Add": {"Type": "Pass", "Parameters": {"sum.$": "States.MathAdd($.a, $.b)"}, "Next": "Double"},
              "Double": {"Type": "Pass", "Parameters": {"twice.$": "States.MathAdd($.sum, $.sum)"}, "End": true}}}""";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ServerFixture fixture;
    private static String firstRun;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(StepFunctionsApiRoutes.DEFAULT_MAX_REQUEST_BYTES, null);
        String machine = fixture.sfn.createStateMachine(r -> r.name("adder").definition(ADD_THEN_DOUBLE)
                .roleArn(StateMachineActionsTest.ROLE)).stateMachineArn();
        firstRun = fixture.sfn.startExecution(r -> r.stateMachineArn(machine).name("first")
                .input("{\"a\": 1, \"b\": 2}")).executionArn();
        assertEquals("{\"twice\":6}", RestartTest.awaitEnd(fixture.sfn, firstRun).output());
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static HttpResponse<String> post(String target, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(fixture.server.url() + "/"))
                .header("Content-Type", StepFunctionsApi.CONTENT_TYPE)
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> restart(JsonNode request) throws Exception {
        return post("CamelAsl.RestartExecution", Json.write(request));
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode request() {
        return Json.NODES.objectNode().put("executionArn", firstRun).put("stateName", "Double");
    }

    /** The error's type, checking it is one of AWS's shape: HTTP 400 with __type and message. */
    private static JsonNode error(HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = Json.parse(response.body());
        assertTrue(error.hasNonNull("__type") && error.hasNonNull("message"), response.body());
        return error;
    }

    @Test
    void restartsFromTheStateWithTheEditedInputLinkedToTheEarlierExecution() throws Exception {
        HttpResponse<String> response = restart(request().put("input", "{\"sum\": 10}").put("name", "edited"));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(StepFunctionsApi.CONTENT_TYPE, response.headers().firstValue("Content-Type").orElse(""));
        JsonNode started = Json.parse(response.body());
        String arn = started.get("executionArn").asText();
        assertEquals("arn:aws:states:us-east-1:123456789012:execution:adder:edited", arn);
        assertTrue(started.get("startDate").isNumber(), response.body());
        assertEquals(firstRun, started.path("restartedFrom").path("executionArn").asText());
        assertEquals("Double", started.path("restartedFrom").path("stateName").asText());

        DescribeExecutionResponse ended = RestartTest.awaitEnd(fixture.sfn, arn);
        assertEquals(ExecutionStatus.SUCCEEDED, ended.status());
        assertEquals("{\"twice\":20}", ended.output(), "Add did not run again: Double had the edited input");
    }

    @Test
    void withoutInputTheStateRunsOnTheInputItHadInTheEarlierExecution() throws Exception {
        HttpResponse<String> response = restart(request());
        assertEquals(200, response.statusCode(), response.body());
        String arn = Json.parse(response.body()).get("executionArn").asText();
        assertEquals("{\"twice\":6}", RestartTest.awaitEnd(fixture.sfn, arn).output());
    }

    @Test
    void badRequestsGetAwsShapedErrorsNamingTheMember() throws Exception {
        JsonNode noState = error(restart(request().putNull("stateName")));
        assertEquals("ValidationException", noState.get("__type").asText());
        assertTrue(noState.get("message").asText().contains("'stateName'"), noState.toString());

        JsonNode unknownState = error(restart(request().put("stateName", "Triple")));
        assertEquals("ValidationException", unknownState.get("__type").asText());
        assertTrue(unknownState.get("message").asText().contains("'stateName'")
                && unknownState.get("message").asText().contains("Triple"), unknownState.toString());

        JsonNode inputNotText = error(restart(request().put("input", 5)));
        assertEquals("ValidationException", inputNotText.get("__type").asText());
        assertTrue(inputNotText.get("message").asText().contains("'input'"), inputNotText.toString());

        assertEquals("InvalidExecutionInput", error(restart(request().put("input", "{not json"))).get("__type")
                .asText());
        assertEquals("ValidationException", error(restart(request().putNull("executionArn"))).get("__type").asText());
        assertEquals("InvalidArn", error(restart(request().put("executionArn", "not-an-arn"))).get("__type")
                .asText());
        assertEquals("ExecutionDoesNotExist", error(restart(request().put("executionArn",
                "arn:aws:states:us-east-1:123456789012:execution:adder:never"))).get("__type").asText());
        assertEquals("ExecutionDoesNotExist", error(restart(request().put("executionArn",
                "arn:aws:states:us-east-1:123456789012:execution:gone:first"))).get("__type").asText());
        // as StartExecution: the execution limits' name rule (under limits=aws, AWS's own)
        assertEquals("InvalidName", error(restart(request().put("name", "bad\u0001name"))).get("__type")
                .asText());
    }

    @Test
    void aNameTakenAlreadyIsExecutionAlreadyExists() throws Exception {
        HttpResponse<String> first = restart(request().put("name", "twice"));
        assertEquals(200, first.statusCode(), first.body());
        RestartTest.awaitEnd(fixture.sfn, Json.parse(first.body()).get("executionArn").asText());
        assertEquals("ExecutionAlreadyExists", error(restart(request().put("name", "twice"))).get("__type").asText());
    }

    @Test
    void anUnknownActionUnderOurPrefixIsAnUnknownOperationNamingIt() throws Exception {
        JsonNode error = error(post("CamelAsl.RewindExecution", "{}"));
        assertEquals("UnknownOperationException", error.get("__type").asText());
        assertTrue(error.get("message").asText().contains("RewindExecution"), error.toString());
        // our action is not one of AWS's
        assertEquals("UnknownOperationException", error(post("AWSStepFunctions.RestartExecution",
                Json.write(request()))).get("__type").asText());
    }
}
