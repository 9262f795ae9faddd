package io.github.camelasl.aws.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.testing.LambdaFunction;
import io.github.camelasl.aws.testing.LambdaFunction.Invocation;
import io.github.camelasl.aws.testing.LambdaFunction.Outcome;
import io.github.camelasl.aws.testing.LambdaStandIn;
import io.github.camelasl.dataflow.Json;
import io.github.camelasl.engine.AslError;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whole ASL definitions, run through the asl: endpoint, whose Lambda Tasks call a local stand-in of Lambda. */
class LambdaTasksTest {

    private static final String ACCOUNT = "123456789012";
    private static final List<String> MACHINES = List.of("function-arn", "lambda-invoke", "qualified",
            "function-error", "function-error-invoke", "missing-function", "throttled", "throttled-no-retry",
            "event-invoke");

    private static LambdaStandIn lambda;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        lambda = LambdaStandIn.start("us-east-1", ACCOUNT)
                .deploy("score", (event, call) -> Outcome.returning("{\"score\": 0.7, \"event\": " + event + "}"))
                .deploy("versioned", (event, call) -> Outcome.returning("{\"version\": \"latest\"}"))
                .deploy("versioned", "live", "3", (event, call) -> Outcome.returning("{\"version\": \"3\"}"))
                .deploy("diverges", (event, call) -> Outcome.raising("ModelDiverged", "loss is NaN", call.requestId()))
                .deploy("busy", (event, call) -> Outcome.returning("{\"ok\": true}"));
        camel = new DefaultCamelContext();
        // the endpoint options point the connector at the stand-in, never at AWS
        camel.getRegistry().bind("lambdaResolver", new LambdaResourceResolver(Map.of("uriEndpointOverride",
                lambda.endpoint(), "region", "us-east-1", "accessKey", "dummy", "secretKey", "dummy")));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String machine : MACHINES) {
                    from("direct:" + machine).to("asl:" + machine + "?definition=classpath:machines/" + machine
                            + ".asl.json");
                }
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        camel.close();
        lambda.close();
    }

    @Test
    void aFunctionArnTaskSendsTheEffectiveInputAndReturnsWhatTheFunctionReturned() throws Exception {
        JsonNode output = run("function-arn", "{\"rows\": [1, 2], \"other\": true}");

        assertEquals(json("{\"rows\": [1, 2], \"other\": true, \"scored\": {\"score\": 0.7, \"event\": "
                + "{\"rows\": [1, 2]}}}"), output);
        Invocation call = lastCall("score");
        assertEquals(json("{\"rows\": [1, 2]}"), json(call.payload()));
        assertEquals("$LATEST", call.qualifier());
        assertEquals("RequestResponse", call.invocationType());
    }

    @Test
    void lambdaInvokeAnswersWithInvokesResponseAsStepFunctionsReportsIt() throws Exception {
        JsonNode output = run("lambda-invoke", "{\"rows\": [3]}");

        assertEquals(Set.of("ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"),
                names(output));
        assertEquals("$LATEST", output.path("ExecutedVersion").asText());
        assertEquals(json("{\"score\": 0.7, \"event\": {\"rows\": [3]}}"), output.path("Payload"));
        assertEquals(200, output.path("StatusCode").asInt());
        JsonNode http = output.path("SdkHttpMetadata");
        assertEquals(Set.of("AllHttpHeaders", "HttpHeaders", "HttpStatusCode"), names(http));
        assertEquals(200, http.path("HttpStatusCode").asInt());
        // Lambda's spelling of its headers, every one a list in AllHttpHeaders and a single value in HttpHeaders
        String requestId = lastCall("score").requestId();
        assertEquals(requestId, output.path("SdkResponseMetadata").path("RequestId").asText());
        assertEquals(requestId, http.path("HttpHeaders").path("x-amzn-RequestId").asText());
        assertEquals(json("[\"" + requestId + "\"]"), http.path("AllHttpHeaders").path("x-amzn-RequestId"));
        assertEquals("application/json", http.path("HttpHeaders").path("Content-Type").asText());
        assertEquals("$LATEST", http.path("HttpHeaders").path("X-Amz-Executed-Version").asText());
        assertEquals("0", http.path("HttpHeaders").path("x-amzn-Remapped-Content-Length").asText());
        assertTrue(names(http.path("HttpHeaders")).containsAll(Set.of("Connection", "Content-Length", "Date",
                "X-Amzn-Trace-Id")), () -> "headers: " + names(http.path("HttpHeaders")));
        assertEquals(names(http.path("HttpHeaders")), names(http.path("AllHttpHeaders")));
    }

    @Test
    void anEventInvocationIsQueuedWithItsClientContextAndAnswers202() throws Exception {
        JsonNode output = run("event-invoke", "{\"invoice\": 9}");

        assertEquals(202, output.path("StatusCode").asInt(), output.toString());
        assertEquals(202, output.path("SdkHttpMetadata").path("HttpStatusCode").asInt());
        Invocation call = lastCall("score");
        assertEquals("Event", call.invocationType());
        assertEquals(json("{\"invoice\": 9}"), json(call.payload()));
        assertEquals(json("{\"custom\": {\"pipeline\": \"billing\"}}"), json(new String(
                java.util.Base64.getDecoder().decode(call.clientContext()), java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aQualifierOnTheArnOrAsParameterPicksTheVersion() throws Exception {
        JsonNode output = run("qualified", "{}");

        assertEquals(json("{\"version\": \"3\"}"), output.path("byArn"));
        assertEquals(json("{\"version\": \"3\", \"payload\": {\"version\": \"3\"}}"), output.path("byParameter"));
        List<Invocation> calls = lambda.invocations().stream().filter(i -> i.functionName().equals("versioned"))
                .toList();
        assertEquals(List.of("live", "live"), calls.subList(calls.size() - 2, calls.size()).stream()
                .map(Invocation::qualifier).toList());
    }

    @Test
    void aFunctionErrorFailsTheStateWithTheErrorTypeAndTheErrorDocumentAsCause() throws Exception {
        AslError failure = failure("function-error", "{}");

        assertEquals("ModelDiverged", failure.error());
        String requestId = lastCall("diverges").requestId();
        // through a function ARN the cause is the document as the runtime wrote it
        assertEquals("{\"errorMessage\": \"loss is NaN\", \"errorType\": \"ModelDiverged\", \"requestId\": \""
                + requestId + "\", \"stackTrace\": []}", failure.cause());
    }

    @Test
    void throughLambdaInvokeTheFunctionErrorIsCaughtByItsNameWithACompactCause() throws Exception {
        JsonNode output = run("function-error-invoke", "{\"epochs\": 3}");

        assertEquals("ModelDiverged", output.path("failure").path("Error").asText());
        assertEquals("{\"errorMessage\":\"loss is NaN\",\"errorType\":\"ModelDiverged\",\"requestId\":\""
                + lastCall("diverges").requestId() + "\",\"stackTrace\":[]}", output.path("failure").path("Cause")
                .asText());
    }

    @Test
    void aMissingFunctionIsLambdaResourceNotFoundExceptionWithAwsCause() throws Exception {
        AslError failure = failure("missing-function", "{}");

        assertEquals("Lambda.ResourceNotFoundException", failure.error());
        String cause = failure.cause();
        assertTrue(cause.startsWith("Function not found: arn:aws:lambda:us-east-1:" + ACCOUNT
                + ":function:no-such-function:$LATEST (Service: AWSLambda; Status Code: 404; Error Code: "
                + "ResourceNotFoundException; Request ID: "), cause);
        assertTrue(cause.endsWith("; Proxy: null)"), cause);
    }

    @Test
    void throttlingIsLambdaTooManyRequestsExceptionWhichTheRetryRuleRecoversFrom() throws Exception {
        int throttledBefore = lambda.throttledCount();
        long callsBefore = calls("busy");
        lambda.throttle("busy", 2);

        JsonNode output = run("throttled", "{\"job\": 7}");

        assertEquals(json("{\"ok\": true}"), output);
        assertEquals(throttledBefore + 2, lambda.throttledCount(), "two attempts were throttled");
        assertEquals(callsBefore + 1, calls("busy"), "the third attempt reached the function");
    }

    @Test
    void throttlingWithoutRetryFailsTheExecution() throws Exception {
        lambda.throttle("busy", 1);

        AslError failure = failure("throttled-no-retry", "{}");

        assertEquals("Lambda.TooManyRequestsException", failure.error());
        assertTrue(failure.cause().startsWith("Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: "
                + "TooManyRequestsException; Request ID: "), failure.cause());
    }

    private static JsonNode run(String machine, String input) throws Exception {
        return json(template.requestBody("direct:" + machine, input, String.class));
    }

    private static AslError failure(String machine, String input) {
        CamelExecutionException e = assertThrows(CamelExecutionException.class,
                () -> template.requestBody("direct:" + machine, input, String.class));
        return assertInstanceOf(AslError.class, e.getCause());
    }

    private static Invocation lastCall(String function) {
        List<Invocation> calls = lambda.invocations().stream().filter(i -> i.functionName().equals(function))
                .toList();
        assertTrue(!calls.isEmpty(), () -> function + " was not invoked");
        return calls.get(calls.size() - 1);
    }

    private static long calls(String function) {
        return lambda.invocations().stream().filter(i -> i.functionName().equals(function)).count();
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text);
    }
}
