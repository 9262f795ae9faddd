package io.github.camelasl.aws.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelasl.aws.testing.BedrockRuntimeStandIn;
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
import org.junit.jupiter.api.Test;

/** bedrock:invokeModel Tasks, run through the asl: endpoint against a local Bedrock Runtime stand-in. */
class InvokeModelTest {

    private static final String TITAN = "amazon.titan-text-express-v1";
    private static final AtomicInteger MACHINES = new AtomicInteger();

    private static BedrockRuntimeStandIn bedrock;
    private static CamelContext camel;
    private static ProducerTemplate template;

    @BeforeAll
    static void start() throws Exception {
        bedrock = new BedrockRuntimeStandIn();
        bedrock.model(TITAN, request -> BedrockRuntimeStandIn.json(
                "{\"inputTextTokenCount\": 5, \"results\": [{\"outputText\": \"Ada, Alan, Grace\"}]}"));
        bedrock.model("plain-model", request -> new BedrockRuntimeStandIn.Answer(200, "text/plain",
                "echo: " + request.body(), null));
        bedrock.model("busy-model", request -> BedrockRuntimeStandIn.error(429, "ThrottlingException",
                "Too many requests, please wait before trying again."));
        camel = new DefaultCamelContext();
        BedrockConfiguration config = camel.getComponent("asl-aws-bedrock", BedrockComponent.class)
                .getConfiguration();
        config.setRegion("us-east-1");
        config.setUriEndpointOverride(bedrock.endpoint().toString());
        config.setAccessKey("test");
        config.setSecretKey("test");
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.close();
        }
        if (bedrock != null) {
            bedrock.close();
        }
    }

    @Test
    void invokesTheModelWithAJsonBodyAndAnswersItParsed() throws Exception {
        JsonNode output = run("""
                {"StartAt": "Prompt", "States": {"Prompt": {
                  "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
                  "Parameters": {"ModelId": "amazon.titan-text-express-v1",
                    "Body": {"inputText.$": "$.prompt", "textGenerationConfig": {"maxTokenCount": 100}}},
                  "ResultSelector": {"names.$": "$.Body.results[0].outputText", "type.$": "$.ContentType"},
                  "End": true}}}""", "{\"prompt\": \"Five first names\"}");

        assertEquals(Json.parse("{\"names\": \"Ada, Alan, Grace\", \"type\": \"application/json\"}"), output);
        BedrockRuntimeStandIn.Request sent = last();
        assertEquals(TITAN, sent.modelId());
        assertEquals(Json.parse("{\"inputText\": \"Five first names\", \"textGenerationConfig\": "
                + "{\"maxTokenCount\": 100}}"), Json.parse(sent.body()));
    }

    @Test
    void aTextBodyIsSentAsIsAndATextAnswerStaysText() throws Exception {
        JsonNode output = run("""
                {"StartAt": "Prompt", "States": {"Prompt": {
                  "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
                  "Parameters": {"ModelId": "plain-model", "Body": "hello", "ContentType": "text/plain",
                    "Accept": "text/plain"},
                  "End": true}}}""", "{}");

        assertEquals(Json.parse("{\"Body\": \"echo: hello\", \"ContentType\": \"text/plain\"}"), output);
        assertEquals("text/plain", last().contentType());
        assertEquals("text/plain", last().accept());
    }

    @Test
    void bedrocksErrorsAreNamedForRetryAndCatch() {
        AslError busy = failure("busy-model");
        assertEquals("Bedrock.ThrottlingException", busy.error());
        assertTrue(busy.cause().startsWith("Too many requests, please wait before trying again. (Service: "
                + "AmazonBedrockRuntime; Status Code: 429; Error Code: ThrottlingException; Request ID: REQ"),
                busy.cause());
        assertEquals("Bedrock.ValidationException", failure("no-such-model").error());
    }

    @Test
    void theEndpointTakesItsConnectionOptionsInItsUri() throws Exception {
        try (CamelContext other = new DefaultCamelContext()) {
            other.start();
            String reply = other.createProducerTemplate().requestBody("asl-aws-bedrock:invokeModel?region=eu-west-1"
                    + "&uriEndpointOverride=" + bedrock.endpoint() + "&accessKey=k&secretKey=s",
                    "{\"ModelId\": \"" + TITAN + "\", \"Body\": {}}", String.class);
            assertEquals("Ada, Alan, Grace", Json.parse(reply).at("/Body/results/0/outputText").asText());
            assertTrue(last().headers().get("authorization").contains("/eu-west-1/bedrock/aws4_request"),
                    last().headers().toString());
        }
    }

    private static AslError failure(String model) {
        CamelExecutionException thrown = assertThrows(CamelExecutionException.class, () -> run("""
                {"StartAt": "Prompt", "States": {"Prompt": {
                  "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
                  "Parameters": {"ModelId": "%s", "Body": {}}, "End": true}}}""".formatted(model), "{}"));
        return assertInstanceOf(AslError.class, thrown.getCause());
    }

    private static BedrockRuntimeStandIn.Request last() {
        List<BedrockRuntimeStandIn.Request> requests = bedrock.requests();
        return requests.get(requests.size() - 1);
    }

    private static JsonNode run(String definition, String input) throws Exception {
        String name = "machine" + MACHINES.incrementAndGet();
        camel.getRegistry().bind(name, definition);
        return Json.parse(template.requestBody("asl:" + name + "?definition=ref:" + name, input, String.class));
    }
}
