package io.github.camelasl.aws.apigateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** apigateway:invoke Tasks run through the asl: endpoint against WireMock standing in for the API. */
class ApiGatewayInvokeTest {

    private static final String API = "a1b2c3.execute-api.eu-west-1.amazonaws.com";
    private static final AtomicInteger MACHINES = new AtomicInteger();

    private static WireMockServer server;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        camel = new DefaultCamelContext();
        ApiGatewayConfiguration config = camel.getComponent("asl-aws-apigateway", ApiGatewayComponent.class)
                .getConfiguration();
        config.setUriEndpointOverride("http://127.0.0.1:" + server.port());
        config.setAccessKey("AKIDEXAMPLE");
        config.setSecretKey("wJalrXUtnFEMI");
        config.setAllowedEndpoints("*.execute-api.us-east-2.amazonaws.com");
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void reset() {
        server.resetAll();
        server.stubFor(any(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("X-Amzn-RequestId", "r-1")
                .withBody("{\"myBills\": []}")));
    }

    @Test
    void callsTheStageAndPathWithListsOfValuesUnsigned() {
        JsonNode output = run(task("""
                "ApiEndpoint": "%s", "Method": "GET", "Stage": "prod", "Path": "bills/2024 q1",
                "Headers": {"key": ["value1", "value2"]},
                "QueryParameters": {"billId": ["123456", "7"]},
                "AuthType": "NO_AUTH"
                """.formatted(API)));

        assertEquals(List.of("Headers", "ResponseBody", "StatusCode", "StatusText"), fieldNames(output));
        assertEquals("{\"myBills\":[]}", output.get("ResponseBody").toString());
        assertEquals(200, output.get("StatusCode").intValue());
        assertEquals("OK", output.get("StatusText").asText());
        assertEquals("[\"r-1\"]", output.get("Headers").get("X-Amzn-RequestId").toString());

        LoggedRequest request = only();
        assertEquals("/prod/bills/2024%20q1?billId=123456&billId=7", request.getUrl());
        assertEquals(List.of("value1", "value2"), request.header("key").values());
        assertNull(request.getHeader("Authorization"));
    }

    @Test
    void signsWithSigV4ForIamRole() {
        run(task("""
                "ApiEndpoint": "%s", "Method": "POST", "Path": "bills",
                "RequestBody": {"billId": "my-new-bill", "note": null}, "AuthType": "IAM_ROLE"
                """.formatted(API)));
        LoggedRequest request = only();
        String authorization = request.getHeader("Authorization");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization);
        assertTrue(authorization.contains("/eu-west-1/execute-api/aws4_request"), authorization);
        assertTrue(authorization.contains("SignedHeaders=") && authorization.contains("Signature="), authorization);
        assertTrue(request.getHeader("X-Amz-Date").matches("\\d{8}T\\d{6}Z"), request.getHeader("X-Amz-Date"));
        // nulls are left out unless AllowNullValues is true
        assertEquals("{\"billId\":\"my-new-bill\"}", request.getBodyAsString());

        server.resetRequests();
        run(task("""
                "ApiEndpoint": "%s", "Method": "PUT", "RequestBody": {"note": null}, "AllowNullValues": true
                """.formatted(API)));
        assertEquals("{\"note\":null}", only().getBodyAsString());
    }

    @Test
    void aStatusOtherThan2xxIsApiGatewayAndItsStatus() {
        server.stubFor(any(urlPathMatching("/prod/secret")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Missing Authentication Token\"}")));
        JsonNode output = run("""
                {"StartAt": "Call", "States": {
                  "Call": {"Type": "Task", "Resource": "arn:aws:states:::apigateway:invoke",
                    "Parameters": {"ApiEndpoint": "%s", "Method": "GET", "Stage": "prod", "Path": "secret"},
                    "Catch": [{"ErrorEquals": ["ApiGateway.403"], "Next": "Denied"}],
                    "End": true},
                  "Denied": {"Type": "Pass", "End": true}}}""".formatted(API));
        assertEquals("ApiGateway.403", output.get("Error").asText());
        assertEquals("{\"message\":\"Missing Authentication Token\"}", output.get("Cause").asText());
    }

    @Test
    void aComputedApiMustBeAnAllowedHost() {
        String definition = task("\"ApiEndpoint.$\": \"$.api\", \"Method\": \"GET\"");
        assertEquals(200, run(definition, "{\"api\": \"x9.execute-api.us-east-2.amazonaws.com\"}")
                .get("StatusCode").intValue());
        server.resetRequests();
        AslError refused = failure(definition, "{\"api\": \"evil.execute-api.eu-west-2.amazonaws.com\"}");
        assertEquals("States.Permissions", refused.error());
        assertTrue(refused.cause().contains("'Call'"), refused.cause());
        AslError notAHost = failure(definition, "{\"api\": \"https://evil.example/x\"}");
        assertEquals("States.TaskFailed", notAHost.error());
        assertTrue(notAHost.cause().contains("host name"), notAHost.cause());
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathMatching("/.*"))));
    }

    @Test
    void aComputedApiEndpointDoesNotBorrowAnotherDefinitionsHostForASignedRequest() {
        run(task("\"ApiEndpoint\": \"internal.corp.example\", \"Method\": \"GET\", \"Path\": \"a\""));
        server.resetRequests();
        String computed = task("\"ApiEndpoint.$\": \"$.host\", \"Method\": \"GET\", \"Path\": \"b\", "
                + "\"AuthType\": \"IAM_ROLE\"");
        AslError refused = failure(computed, "{\"host\": \"internal.corp.example\"}");
        assertEquals("States.Permissions", refused.error());
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathMatching("/.*"))));

        // a refused definition (TRACE is no Method here) writes no host
        camel.getRegistry().bind("refusedHost", task("\"ApiEndpoint\": \"refused.corp.example\", "
                + "\"Method\": \"TRACE\", \"AuthType\": \"IAM_ROLE\""));
        assertThrows(RuntimeException.class, () -> template.requestBody("asl:refusedHost?definition=ref:refusedHost",
                "{}", String.class));
        assertEquals("States.Permissions", failure(computed, "{\"host\": \"refused.corp.example\"}").error());
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathMatching("/.*"))));

        // a host written with a signing AuthType is signed for, by the Task that wrote it
        run(task("\"ApiEndpoint\": \"signed.corp.example\", \"Method\": \"GET\", \"AuthType\": \"IAM_ROLE\""));
        assertTrue(only().getHeader("Authorization").startsWith("AWS4-HMAC-SHA256"));
    }

    @Test
    void aHeaderGivenOneStringFailsAsOnAws() {
        AslError error = failure(task("\"ApiEndpoint\": \"" + API + "\", \"Method\": \"POST\", "
                + "\"Headers\": {\"custom_header\": \"singleStringHeader\"}"), "{}");
        assertEquals("States.Runtime", error.error());
        assertTrue(error.cause().startsWith("An error occurred while executing the state 'Call' (entered at the "
                + "event id #2). The Parameters '{"), error.cause());
        assertTrue(error.cause().endsWith("' could not be used to start the Task: [The value of the field "
                + "'Headers' has an invalid format]"), error.cause());
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathMatching("/.*"))));
    }

    @Test
    void aRedirectThatClimbsOutOfThePathIsNotFollowed() {
        server.stubFor(any(urlPathMatching("/prod/start")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/prod/..;/admin")));
        AslError error = failure(task("\"ApiEndpoint\": \"" + API + "\", \"Method\": \"GET\", "
                + "\"Stage\": \"prod\", \"Path\": \"start\", \"AuthType\": \"IAM_ROLE\""), "{}");
        assertEquals("ApiGateway.302", error.error());
        assertEquals(1, server.findAll(anyRequestedFor(urlPathMatching("/.*"))).size());
    }

    @Test
    void aForbiddenHeaderFromTheDataIsRefusedWithoutACall() {
        AslError error = failure(task("\"ApiEndpoint\": \"" + API + "\", \"Method\": \"GET\", "
                + "\"Headers.$\": \"$.headers\""), "{\"headers\": {\"X-Amz-Security-Token\": [\"t\"]}}");
        assertEquals("States.TaskFailed", error.error());
        assertTrue(error.cause().contains("header 'X-Amz-Security-Token'"), error.cause());
        assertEquals(List.of(), server.findAll(anyRequestedFor(urlPathMatching("/.*"))));
    }

    @Test
    void aSocketFailureIsNamedForItsException() {
        ApiGatewayConfiguration config = new ApiGatewayConfiguration();
        config.setUriEndpointOverride("http://127.0.0.1:1");
        config.setAllowedEndpoints(API); // this mapping bypasses the connector's deploy-time check
        camel.getRegistry().bind("closedPort", config);
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, task("\"ApiEndpoint\": \"" + API + "\", \"Method\": \"GET\""));
        // (the same machine, its endpoint configured to a port nothing listens on)
        camel.getRegistry().bind("mapping" + name, (io.github.camelasl.resource.ResourceResolver)
                (resource, context) -> resource.equals("arn:aws:states:::apigateway:invoke")
                        ? java.util.Optional.of("asl-aws-apigateway:invoke?configuration=#closedPort")
                        : java.util.Optional.empty());
        try {
            CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                    () -> template.requestBody("asl:" + name + "?definition=ref:" + name, "{}", String.class));
            AslError error = assertInstanceOf(AslError.class, thrown.getCause());
            assertTrue(error.error().startsWith("ApiGateway.") && error.error().endsWith("Exception"),
                    error.error());
        } finally {
            camel.getRegistry().unbind("mapping" + name);
        }
    }

    private static String task(String parameters) {
        return """
                {"StartAt": "Call", "States": {"Call": {
                  "Type": "Task", "Resource": "arn:aws:states:::apigateway:invoke",
                  "Parameters": {%s},
                  "End": true}}}""".formatted(parameters);
    }

    private static LoggedRequest only() {
        List<LoggedRequest> requests = server.findAll(anyRequestedFor(urlPathMatching("/.*")));
        assertEquals(1, requests.size(), requests.toString());
        return requests.get(0);
    }

    private static JsonNode run(String definition) {
        return run(definition, "{}");
    }

    private static JsonNode run(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        try {
            return Json.parse(template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        } catch (Exception e) {
            throw new AssertionError("the execution failed: " + e, e);
        }
    }

    private static AslError failure(String definition, String input) {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
        return assertInstanceOf(AslError.class, thrown.getCause());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
