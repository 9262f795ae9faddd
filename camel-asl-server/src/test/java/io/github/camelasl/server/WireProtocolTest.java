package io.github.camelasl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.dataflow.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.SfnException;

/** AWS's JSON 1.0 protocol as the server speaks it: targets, errors, the body cap; and where it may listen. */
class WireProtocolTest {

    private static final long CAP = 4096;
    private static ServerFixture fixture;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(CAP, null);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static HttpResponse<String> post(String target, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.server.url() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anActionAnswersJson10WithEpochSecondDates() throws Exception {
        HttpResponse<String> response = post("AWSStepFunctions.CreateStateMachine", """
                {"name": "wire", "roleArn": "arn:aws:iam::123456789012:role/r",
                 "definition": "{\\"StartAt\\": \\"P\\", \\"States\\": {\\"P\\": {\\"Type\\": \\"Pass\\", \\"End\\": true}}}"}""");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("application/x-amz-json-1.0", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode body = Json.parse(response.body());
        assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:wire", body.get("stateMachineArn").asText());
        assertTrue(body.get("creationDate").isNumber(), "epoch seconds, as AWS sends them: " + body);
        assertFalse(response.headers().firstValue("X-Amz-Target").isPresent(), "request headers are not echoed");
    }

    @Test
    void anActionThisServerDoesNotHaveIsAnUnknownOperationNamingIt() throws Exception {
        // every Step Functions action is built now (ListMapRuns was the last): a name AWS does not have stands in
        HttpResponse<String> response = post("AWSStepFunctions.ListMapRunChildren", "{\"mapRunArn\": \"x\"}");
        assertEquals(400, response.statusCode());
        JsonNode error = Json.parse(response.body());
        assertEquals("UnknownOperationException", error.get("__type").asText());
        assertTrue(error.get("message").asText().contains("ListMapRunChildren"), response.body());
    }

    @Test
    void aMissingOrForeignTargetIsRefused() throws Exception {
        for (String target : new String[] {null, "AmazonSQS.SendMessage"}) {
            HttpResponse<String> response = post(target, "{}");
            assertEquals(400, response.statusCode());
            assertEquals("UnknownOperationException", Json.parse(response.body()).get("__type").asText());
        }
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsASerializationError() throws Exception {
        for (String body : new String[] {"{not json", "[1, 2]"}) {
            HttpResponse<String> response = post("AWSStepFunctions.ListStateMachines", body);
            assertEquals(400, response.statusCode());
            assertEquals("SerializationException", Json.parse(response.body()).get("__type").asText());
        }
    }

    @Test
    void aMemberOfTheWrongTypeIsAValidationErrorNamingIt() throws Exception {
        HttpResponse<String> response = post("AWSStepFunctions.DescribeStateMachine", "{\"stateMachineArn\": 7}");
        assertEquals(400, response.statusCode());
        JsonNode error = Json.parse(response.body());
        assertEquals("ValidationException", error.get("__type").asText());
        assertTrue(error.get("message").asText().contains("'stateMachineArn'"), response.body());
    }

    @Test
    void aBodyOverTheCapIsRefusedWithoutRunningTheAction() throws Exception {
        String big = "{\"name\": \"big\", \"roleArn\": \"arn:aws:iam::123456789012:role/r\", \"definition\": \""
                + "x".repeat((int) CAP) + "\"}";
        HttpResponse<String> response = post("AWSStepFunctions.CreateStateMachine", big);
        assertEquals(413, response.statusCode());
        JsonNode error = Json.parse(response.body());
        assertEquals("RequestEntityTooLarge", error.get("__type").asText());
        assertTrue(error.get("message").asText().contains(CAP + " bytes"), response.body());
        assertTrue(fixture.sfn.listStateMachines(r -> { }).stateMachines().stream()
                .noneMatch(m -> m.name().equals("big")));

        SfnException sdk = assertThrows(SfnException.class, () -> fixture.sfn.startExecution(r -> r
                .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:wire").input("\"" + "y"
                        .repeat((int) CAP) + "\"")));
        assertEquals(413, sdk.statusCode());
    }

    @Test
    void aBodySentWithoutALengthIsStoppedAsItGoesOverTheCap() throws Exception {
        byte[] big = ("{\"name\": \"" + "z".repeat((int) CAP * 4) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create(fixture.server.url() + "/"))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "AWSStepFunctions.ListStateMachines")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertEquals(413, HTTP.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void anUnexpectedFailureIsAnInternalFailureWithoutItsStackTrace() throws Exception {
        // a registry without a deployer: validating throws a NullPointerException the API does not expect
        StateMachineRegistry broken = new StateMachineRegistry(null, fixture.store, "us-east-1", "123456789012",
                java.time.Clock.systemUTC());
        ActivityActions activities = new ActivityActions(() -> fixture.camel, null, fixture.store, "us-east-1",
                "123456789012", java.time.Clock.systemUTC(), ServerFixture.ACTIVITY_TASK_POLL);
        StepFunctionsApi api = new StepFunctionsApi(broken, new ExecutionActions(broken, fixture.store, null),
                activities, new ResourceTags(arn -> false, fixture.store),
                new io.github.camelasl.teststate.StateTester(io.github.camelasl.teststate.TaskCalls.NONE), CAP);
        Exchange exchange = new DefaultExchange(fixture.camel);
        exchange.getMessage().setHeader("X-Amz-Target", "AWSStepFunctions.ValidateStateMachineDefinition");
        exchange.getMessage().setBody("{\"definition\": \"{}\"}".getBytes(StandardCharsets.UTF_8));
        api.process(exchange);
        assertEquals(500, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        JsonNode error = Json.parse(exchange.getMessage().getBody(String.class));
        assertEquals("InternalFailure", error.get("__type").asText());
        assertFalse(error.toString().contains("NullPointerException"), error.toString());
        assertEquals(List.of(Exchange.HTTP_RESPONSE_CODE, Exchange.CONTENT_TYPE).stream().sorted().toList(),
                exchange.getMessage().getHeaders().keySet().stream().sorted().toList(),
                "only the reply's own headers");
    }

    @Test
    void aNonLoopbackHostIsRefusedAtStartWithoutAccessKeys() {
        for (String host : new String[] {"0.0.0.0", "8.8.8.8"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StepFunctionsServer.requireLoopback(host));
            assertTrue(e.getMessage().contains("not a loopback address") && e.getMessage().contains("SigV4"),
                    e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepFunctionsServer.start(
                fixture.camel, null, fixture.store, null, "0.0.0.0", 0, CAP));
        assertTrue(e.getMessage().contains("access keys"), e.getMessage());
        StepFunctionsServer.requireLoopback("127.0.0.1");
        StepFunctionsServer.requireLoopback("localhost");
        StepFunctionsServer.requireLoopback("::1");
    }
}
